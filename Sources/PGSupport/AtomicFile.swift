#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file that appears whole or not at all: the one way pgcheck writes a result file.
///
/// The bytes go to a hidden temporary file in the destination's folder (so that the final rename never
/// crosses a file system). ``commit()`` flushes it to disk with `fsync`, renames it over the
/// destination and syncs the folder so that the rename survives a crash. Until then, and whenever a
/// step fails, the destination keeps exactly what it had: ``discard()`` (or dropping the object)
/// removes the temporary file, so a failed run leaves nothing behind.
///
/// A new file gets mode 0666 less the process umask; a file that is replaced keeps its mode.
///
/// ```swift
/// try AtomicFile.write(data, to: "schema.json")     // whole contents at once
///
/// let file = try AtomicFile(path: "counts.csv")      // or streamed through its descriptor
/// try file.write(Data("a,b\n".utf8))
/// try file.commit()
/// ```
public final class AtomicFile {
    /// Why a write failed; the destination was not changed and no temporary file is left.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible, ClassifiedError {
        /// The destination that was being written.
        public var path: String
        /// What went wrong, with the operating system's reason.
        public var reason: String

        /// Creates a failure for `path`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        /// `could not write PATH: REASON`.
        public var description: String { "could not write \(path): \(reason)" }

        /// A file that cannot be written is the user's to fix (a folder, a permission): bad input.
        public var failureKind: FailureKind { .badInput }
    }

    /// The destination path.
    public let path: String
    /// The temporary file's descriptor, open for writing until ``commit()`` or ``discard()``.
    public private(set) var descriptor: Int32
    private let temporaryPath: String
    private let folder: String
    private var finished = false

    /// Creates the temporary file next to `path`.
    ///
    /// - Throws: ``Failure`` when `path` names a folder, or the folder does not exist or is not writable.
    public init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        self.folder = folder.isEmpty ? "/" : folder
        guard !name.isEmpty else { throw Failure(path: path, reason: "the path names a folder, not a file") }
        var template = Array("\(self.folder)/.\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: "cannot create a temporary file in \(self.folder): \(Self.systemReason())")
        }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.descriptor = descriptor
        // mkstemp creates the file 0600: give it the mode the file it replaces has, or any new file would get.
        var existing = stat()
        let mode: mode_t
        if stat(path, &existing) == 0 {
            mode = existing.st_mode & 0o7777
        } else {
            let mask = umask(0o022)
            umask(mask)
            mode = 0o666 & ~mask
        }
        guard fchmod(descriptor, mode) == 0 else {
            let reason = "cannot set the file's mode: \(Self.systemReason())"
            discard()
            throw Failure(path: path, reason: reason)
        }
    }

    deinit { discard() }

    /// Replaces (or creates) the file at `path` with `data`, atomically.
    ///
    /// - Throws: ``Failure``; the file at `path` is then untouched and no temporary file is left behind.
    public static func write(_ data: Data, to path: String) throws {
        let file = try AtomicFile(path: path)
        try file.write(data)
        try file.commit()
    }

    /// Appends `data` to the temporary file.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Appends `bytes` to the temporary file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished, descriptor >= 0 else { throw Failure(path: path, reason: "the file was already committed or discarded") }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = "write failed: \(Self.systemReason())"
                discard()
                throw Failure(path: path, reason: reason)
            }
            offset += written
        }
    }

    /// Flushes everything to disk and moves the file into place, replacing any file already there.
    ///
    /// - Throws: ``Failure``; the temporary file is then removed and the destination left as it was.
    public func commit() throws {
        guard !finished else { return }
        func failed(_ step: String) -> Failure {
            let failure = Failure(path: path, reason: "\(step): \(Self.systemReason())")
            discard()
            return failure
        }
        guard fsync(descriptor) == 0 else { throw failed("fsync failed") }
        guard close(descriptor) == 0 else { descriptor = -1; throw failed("close failed") }
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else { throw failed("cannot rename the temporary file over it") }
        finished = true
        syncFolder()
    }

    /// Removes the temporary file; the destination is left as it was. Safe to call more than once.
    public func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    /// Makes the rename durable. Best effort: some file systems refuse to sync a folder, and the data
    /// itself is already on disk by then.
    private func syncFolder() {
        let handle = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard handle >= 0 else { return }
        _ = fsync(handle)
        close(handle)
    }

    private static func systemReason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// The C library's `write(2)` (the class's own `write` hides the name inside it).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
