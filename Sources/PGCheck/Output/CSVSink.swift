import PGCatalog
import PostgresWire
import PsqlFormat

/// Comma-separated values exactly as `psql --csv` prints them (RFC 4180 quoting).
///
/// A header line with the column names, then one line per row, each ending in `\n`. A field is quoted
/// only when it must be: when it holds a comma, a double quote (doubled inside the quotes), a CR or LF,
/// or is exactly `\.` (which COPY would read as the end of data). NULL is an empty unquoted field, as
/// psql prints it; an empty string is empty too, as in psql.
public final class CSVSink: RowSink {
    private let writer: OutputWriter
    /// The current result's columns, behind a pointer so reading them once per row is not checked for
    /// exclusive access at run time (as a stored `var` of a class would be).
    private let current: UnsafeMutablePointer<CurrentResult>

    private struct CurrentResult {
        /// The server's text of each value (nil before the first result and after each).
        var renderer: ResultTextRenderer?
        /// Every column's bytes are the text to print, as received.
        var allVerbatim = false
        /// Per column, how its values are written (``ColumnPlan``), one byte each.
        var plans: UnsafeMutableBufferPointer<ColumnPlan> = UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    /// How a column's values reach the output.
    private enum ColumnPlan: UInt8 {
        /// The received bytes are the text: checked for quoting.
        case verbatim
        /// Rendered from binary, plain ASCII that is never quoted: written as rendered.
        case renderedPlain
        /// Rendered from binary, checked for quoting (jsonb, arrays, bytea).
        case rendered
    }

    /// Creates a sink writing to `writer`.
    public init(writer: OutputWriter) {
        self.writer = writer
        current = .allocate(capacity: 1)
        current.initialize(to: CurrentResult())
    }

    deinit {
        current.pointee.plans.deallocate()
        current.deinitialize(count: 1)
        current.deallocate()
    }

    public func begin(_ columns: PostgresColumns) throws {
        let renderer = ResultTextRenderer(columns: columns)
        let plans = UnsafeMutableBufferPointer<ColumnPlan>.allocate(capacity: columns.count)
        plans.initialize(repeating: .verbatim)
        for index in 0..<columns.count {
            plans[index] = renderer.isVerbatim(index) ? .verbatim : renderer.isPlainASCII(index) ? .renderedPlain : .rendered
        }
        current.pointee.plans.deallocate()
        current.pointee = CurrentResult(renderer: renderer, allVerbatim: renderer.allVerbatim, plans: plans)
        for (index, name) in columns.names.enumerated() {
            if index > 0 { try writer.write(byte: UInt8(ascii: ",")) }
            var copy = name
            try copy.withUTF8 { try writeField(UnsafeRawBufferPointer($0)) }
        }
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    public func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws {
        // psql prints nothing for the rows of a result without columns.
        guard let renderer = current.pointee.renderer, renderer.columns.count > 0 else { return }
        if current.pointee.allVerbatim {
            // Every column in text format: the received bytes, one call per row.
            try row.forEachValue { index, bytes in
                if index > 0 { try writer.write(byte: UInt8(ascii: ",")) }
                if let bytes { try writeField(bytes) }
            }
        } else {
            let plans = current.pointee.plans
            try row.forEachValue { index, bytes in
                if index > 0 { try writer.write(byte: UInt8(ascii: ",")) }
                guard let bytes else { return }
                switch plans[index] {
                case .verbatim: try writeField(bytes)
                // Numbers, dates, UUIDs: never quoted, nothing to repair.
                case .renderedPlain: try writer.write(renderer.text(of: bytes, column: index))
                case .rendered: try writeField(renderer.text(of: bytes, column: index))
                }
            }
        }
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    public func finish(_ summary: ResultSummary) throws {
        current.pointee.plans.deallocate()
        current.pointee = CurrentResult()
    }

    @inline(__always)
    private func writeField(_ raw: UnsafeRawBufferPointer) throws {
        // Most values (numbers, UUIDs, timestamps, plain words) need neither quotes nor repair.
        if CSVFieldScan.isPlain(raw) {
            try writer.write(raw)
            return
        }
        try writeQuotedOrRepaired(raw)
    }

    private func writeQuotedOrRepaired(_ raw: UnsafeRawBufferPointer) throws {
        try PsqlTextValidation.withValidated(raw) { bytes in
            guard Self.needsQuotes(bytes) else {
                try writer.write(bytes)
                return
            }
            try writer.write(byte: UInt8(ascii: "\""))
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") {
                try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start...index]))
                start = index
            }
            try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start...]))
            try writer.write(byte: UInt8(ascii: "\""))
        }
    }

    /// psql's rule (`csv_print_field`): the separator, CR, LF or `"` anywhere, or the whole field `\.`.
    static func needsQuotes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.count == 2 && bytes[0] == UInt8(ascii: "\\") && bytes[1] == UInt8(ascii: ".") { return true }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n"): return true
            default: continue
            }
        }
        return false
    }
}
