import Foundation
import PGCheck

/// An ``PGCheck/OutputWriter`` on a temporary file, read back once the sink is done: what a sink printed,
/// byte for byte, without a pipe that could fill up.
final class CapturedOutput {
    let writer: OutputWriter
    private let path = NSTemporaryDirectory() + "pgcheck-captured-\(UUID().uuidString)"
    private let descriptor: Int32

    init() throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw OutputError("cannot open a temporary file") }
        writer = OutputWriter(descriptor: descriptor, name: path)
    }

    /// Flushes the writer and returns every byte written; the file is removed.
    func finish() throws -> Data {
        try writer.flush()
        close(descriptor)
        defer { unlink(path) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The same, as UTF-8 text.
    func finishText() throws -> String {
        String(decoding: try finish(), as: UTF8.self)
    }
}
