import PostgresWire

/// Tab-separated values in PostgreSQL's COPY text format, with a header line.
///
/// Fields are separated by a tab and rows end in `\n`. Inside a field, backslash, tab, newline, carriage
/// return, backspace, form feed and vertical tab are written as `\\`, `\t`, `\n`, `\r`, `\b`, `\f` and
/// `\v`, and NULL is `\N` — so every line is one row and the data loads back with
/// `COPY … FROM … (FORMAT text, HEADER true)` unchanged.
public final class TSVSink: RowSink {
    private let writer: OutputWriter
    private var columns: PostgresColumns?

    /// Creates a sink writing to `writer`.
    public init(writer: OutputWriter) { self.writer = writer }

    public func begin(_ columns: PostgresColumns) throws {
        self.columns = columns
        for (index, name) in columns.names.enumerated() {
            if index > 0 { try writer.write(byte: UInt8(ascii: "\t")) }
            var copy = name
            try copy.withUTF8 { try writeEscaped(UnsafeRawBufferPointer($0)) }
        }
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    public func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws {
        guard let columns else { return }
        for index in 0..<row.count {
            if index > 0 { try writer.write(byte: UInt8(ascii: "\t")) }
            try row.withText(at: index, columns: columns) { bytes in
                if let bytes {
                    try writeEscaped(bytes)
                } else {
                    try writer.write(byte: UInt8(ascii: "\\"))
                    try writer.write(byte: UInt8(ascii: "N"))
                }
            }
        }
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    public func finish(_ summary: ResultSummary) throws {
        columns = nil
    }

    private func writeEscaped(_ bytes: UnsafeRawBufferPointer) throws {
        var start = 0
        for (index, byte) in bytes.enumerated() {
            guard let escape = Self.escape(for: byte) else { continue }
            try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            try writer.write(byte: UInt8(ascii: "\\"))
            try writer.write(byte: escape)
            start = index + 1
        }
        try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    }

    /// The letter after the backslash for bytes COPY text format escapes, nil for bytes written as they are.
    @inline(__always) static func escape(for byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\\"): return UInt8(ascii: "\\")
        case UInt8(ascii: "\t"): return UInt8(ascii: "t")
        case UInt8(ascii: "\n"): return UInt8(ascii: "n")
        case UInt8(ascii: "\r"): return UInt8(ascii: "r")
        case 0x08: return UInt8(ascii: "b")
        case 0x0C: return UInt8(ascii: "f")
        case 0x0B: return UInt8(ascii: "v")
        default: return nil
        }
    }
}
