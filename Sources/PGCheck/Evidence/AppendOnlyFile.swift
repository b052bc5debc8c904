import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends that never rewrite what is already there, flushed to disk: the chain file and the apply log.
///
/// Whole-file writes go through `AtomicFile` (temp file, fsync, rename).
public enum AppendOnlyFile {
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

    private static func failure(_ what: String) -> EvidenceError {
        EvidenceError.io("\(what): \(String(cString: strerror(errno)))")
    }
}
