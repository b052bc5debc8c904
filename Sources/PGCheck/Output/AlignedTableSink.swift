import PGCatalog
import PostgresWire
import PsqlFormat

/// psql's aligned table, byte for byte what `psql -X -c 'SQL'` prints for the same result: centred
/// headers, a `-+-` rule, right-aligned numbers, `+` at the end of each line of a multi-line value,
/// NULL as an empty cell, the "(N rows)" footer and the blank line after it.
///
/// A column is as wide as its widest value, so nothing can be printed before the last row is known.
/// Rows are therefore written to a ``RowSpool`` (memory up to a few megabytes, then an unlinked
/// temporary file) while their widths are measured, and printed from the spool when the statement
/// ends: memory stays flat however many rows there are.
///
/// The layout and the display widths are psql's as ``PsqlAlignedLayout`` and ``PsqlCellFormatter``
/// draw them for `pgcheck describe` too. A statement that returns no rows prints its command tag
/// (`SET`), as psql does.
public final class AlignedTableSink: RowSink {
    private let writer: OutputWriter
    private let title: String?
    private var columns: PostgresColumns?
    /// The server's text of each value of the current result.
    private var renderer: ResultTextRenderer?
    private var widths: [Int] = []
    private var spool = RowSpool()
    private var rowCount = 0

    /// Creates a sink writing to `writer`; a `title` is centred above the table as psql's `\pset title` does.
    public init(writer: OutputWriter, title: String? = nil) {
        self.writer = writer
        self.title = title
    }

    public func begin(_ columns: PostgresColumns) throws {
        self.columns = columns
        renderer = ResultTextRenderer(columns: columns)
        widths = columns.names.map { PsqlCellFormatter.width(of: $0) }
        spool = RowSpool()
        rowCount = 0
    }

    public func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws {
        guard let renderer else { return }
        try row.forEachValue { index, bytes in
            try renderer.withText(bytes, column: index) { text in
                if let text {
                    widths[index] = max(widths[index], PsqlCellFormatter.width(of: text))
                }
                try spool.append(text)
            }
        }
        rowCount += 1
    }

    public func finish(_ summary: ResultSummary) throws {
        guard let columns else {
            try writer.write(summary.commandTag + "\n")
            return
        }
        self.columns = nil
        renderer = nil
        let layout = PsqlAlignedLayout(
            widths: widths, alignments: (0..<columns.count).map { PsqlAlignedLayout.alignment(for: columns.typeOID(at: $0)) })
        // One row's text at a time: the buffer keeps its capacity, so memory stays that of the widest row.
        var text: [UInt8] = []
        if let title { layout.appendTitle(title, to: &text) }
        layout.appendHeader(columns.names.map { PsqlCellFormatter(formatting: $0) }, to: &text)
        try writer.write(text)
        let reader = try spool.reader()
        var cells = [PsqlCellFormatter](repeating: PsqlCellFormatter(), count: columns.count)
        for _ in 0..<rowCount {
            for index in 0..<columns.count {
                try reader.next { bytes in cells[index].format(bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)) }
            }
            text.removeAll(keepingCapacity: true)
            layout.appendRow(cells, to: &text)
            try writer.write(text)
        }
        text.removeAll(keepingCapacity: true)
        PsqlAlignedLayout.appendFooters([PsqlAlignedLayout.rowCountFooter(rowCount)], to: &text)
        try writer.write(text)
        spool = RowSpool()
    }
}
