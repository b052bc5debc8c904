import PostgresWire

/// Tab-separated values in PostgreSQL's COPY text format, with a header line.
///
/// Fields are separated by a tab and rows end in `\n`. Inside a field, backslash, tab, newline, carriage
/// return, backspace, form feed and vertical tab are written as `\\`, `\t`, `\n`, `\r`, `\b`, `\f` and
/// `\v`, and NULL is `\N` — so every line is one row and the data loads back with
/// `COPY … FROM … (FORMAT text, HEADER true)` unchanged.
public final class TSVSink: RowSink {
    private let writer: OutputWriter
    /// The server's text of each value of the current result.
    private var renderer: ResultTextRenderer?

    /// Creates a sink writing to `writer`.
    public init(writer: OutputWriter) { self.writer = writer }

    public func begin(_ columns: PostgresColumns) throws {
        renderer = ResultTextRenderer(columns: columns)
        for (index, name) in columns.names.enumerated() {
            if index > 0 { try writer.write(byte: UInt8(ascii: "\t")) }
            var copy = name
            try copy.withUTF8 { try writeEscaped(UnsafeRawBufferPointer($0)) }
        }
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    public func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws {
        guard let renderer else { return }
        try row.forEachValue { index, bytes in
            if index > 0 { try writer.write(byte: UInt8(ascii: "\t")) }
            try renderer.withText(bytes, column: index) { text in
                if let text {
                    try writeEscaped(text)
                } else {
                    try writer.write(byte: UInt8(ascii: "\\"))
                    try writer.write(byte: UInt8(ascii: "N"))
                }
            }
        }
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    public func finish(_ summary: ResultSummary) throws {
        renderer = nil
    }

    private func writeEscaped(_ bytes: UnsafeRawBufferPointer) throws {
        var start = 0
        for (index, byte) in bytes.enumerated() {
            guard let escape = CopyTextEscaping.escape(for: byte) else { continue }
            try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            try writer.write(byte: UInt8(ascii: "\\"))
            try writer.write(byte: escape)
            start = index + 1
        }
        try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    }
}
