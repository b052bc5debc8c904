#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that readers see either the old content or the complete new content, never a part.
///
/// The bytes go to a temporary file in the same folder (so the final step is a same-filesystem
/// rename), are flushed to disk with `fsync`, and the temporary file is then renamed over the target;
/// finally the folder itself is synced so the rename survives a crash. If any step fails the temporary
/// file is removed and the target is left exactly as it was.
public enum AtomicFileWriter {
    /// Why a write failed; the target was not changed.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file that was being written.
        public var path: String
        /// What went wrong, from the operating system.
        public var reason: String

        public var description: String { "could not write \(path): \(reason)" }
    }

    /// Replaces (or creates) the file at `path` with `data`, atomically.
    ///
    /// A new file gets mode 0644 less the process umask; an existing file keeps its mode.
    /// - Throws: ``WriteError``; the file at `path` is then untouched and no temporary file is left behind.
    public static func write(_ data: Data, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent().path
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))").path
        func failure(_ step: String, _ code: Int32 = errno) -> WriteError {
            WriteError(path: path, reason: "\(step): \(String(cString: strerror(code)))")
        }

        var existing = stat()
        let existingMode: mode_t? = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existingMode ?? 0o644)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file in \(folder)") }
        var succeeded = false
        defer { if !succeeded { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            try writeAll(data, to: descriptor) { failure("write failed", $0) }
            if let existingMode, fchmod(descriptor, existingMode) != 0 { throw failure("cannot keep the file's mode") }
            guard fsync(descriptor) == 0 else { throw failure("fsync failed") }
        }
        guard rename(temporary, path) == 0 else { throw failure("cannot rename the temporary file over it") }
        succeeded = true
        syncFolder(folder)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, failure: (Int32) -> WriteError) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno)
                }
                offset += written
            }
        }
    }

    /// Makes the rename durable. Best effort: some filesystems refuse to sync a directory, and the data
    /// itself is already safe by then.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// The C library's `write(2)` (the enum's own `write` hides the name inside it).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
