import Foundation
@testable import PGCheck
import PostgresWire

/// Builds results without a server: columns of given types (text format) and rows of text values.
enum OutputFixture {
    static func columns(_ specification: [(String, PostgresOID)]) -> PostgresColumns {
        PostgresColumns(RowDescription(columns: specification.map { name, type in
            RowDescription.Column(
                name: name, tableOID: 0, columnAttributeNumber: 0, dataTypeOID: type, dataTypeSize: -1, typeModifier: -1, formatCode: 0)
        }))
    }

    static func row(_ values: [String?], _ columns: PostgresColumns) -> PostgresDataRow {
        PostgresDataRow(values: values.map { $0.map { Array($0.utf8) } }, columns: columns)
    }

    /// Runs `rows` through the sink `make` builds on a pipe and returns what it wrote.
    static func render(
        _ columns: PostgresColumns, _ rows: [[String?]], commandTag: String = "SELECT",
        make: (OutputWriter) -> any RowSink
    ) throws -> String {
        let capture = try OutputCapture()
        let sink = make(capture.writer)
        try sink.begin(columns)
        for values in rows { try sink.write(row(values, columns)) }
        try sink.finish(ResultSummary(commandTag: "\(commandTag) \(rows.count)", rowCount: rows.count))
        return try capture.finish()
    }
}

/// An OutputWriter on a temporary file, read back as text.
final class OutputCapture {
    let path: String
    let writer: OutputWriter
    private let descriptor: Int32

    init() throws {
        path = NSTemporaryDirectory() + "pgcheck-output-test-\(UUID().uuidString)"
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw OutputError("cannot open \(path)") }
        writer = OutputWriter(descriptor: descriptor, name: path, bufferSize: 300)
    }

    func finish() throws -> String {
        try writer.flush()
        close(descriptor)
        defer { unlink(path) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
