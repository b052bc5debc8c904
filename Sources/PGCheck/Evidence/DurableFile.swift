import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File writes that survive crashes the way evidence must: whole or not at all, and appends that never rewrite.
public enum DurableFile {
    /// Writes `data` to `url` atomically: a temporary file in the same folder, flushed to disk, then
    /// renamed over the target. A crash or kill at any moment leaves either the old file or the new one,
    /// never a truncated mix.
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file in \(folder.path)") }
        do {
            try writeAll(data, to: descriptor, path: temporary.path)
            guard fsync(descriptor) == 0 else { throw failure("cannot flush \(temporary.path) to disk") }
            close(descriptor)
            guard rename(temporary.path, url.path) == 0 else { throw failure("cannot move the new file into place at \(url.path)") }
            syncFolder(folder)
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
    }

    /// Appends `data` to `url` (created if missing) with `O_APPEND`, then flushes it: earlier content is never rewritten.
    public static func append(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot open \(url.path) for appending") }
        defer { close(descriptor) }
        try writeAll(data, to: descriptor, path: url.path)
        guard fsync(descriptor) == 0 else { throw failure("cannot flush \(url.path) to disk") }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write \(path)")
                }
                offset += written
            }
        }
    }

    /// The rename itself is only durable once the folder's entry is flushed.
    private static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ what: String) -> EvidenceError {
        EvidenceError.io("\(what): \(String(cString: strerror(errno)))")
    }
}
