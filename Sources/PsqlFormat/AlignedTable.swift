/// A table printed the way psql prints query results and `\d` output in its default settings
/// (`\pset format aligned`, `border 1`, `linestyle ascii`, no pager, no wrapping):
///
/// ```
///        Table "public.t"
///  Column |  Type   | Description
/// --------+---------+-------------
///  a      | integer | first line +
///         |         | second line
/// Indexes:
///     "t_pkey" PRIMARY KEY, btree (a)
///
/// ```
///
/// The whole table in memory, for output of known size such as `\d+`; the layout itself is
/// ``PsqlAlignedLayout``'s, and each header and cell is formatted by ``PsqlCellFormatter``.
public struct AlignedTable: Sendable, Equatable {
    /// Where a column's values sit in their cells (headers are always centred).
    public typealias Alignment = PsqlAlignedLayout.Alignment

    /// Printed centred above the table; nil for none.
    public var title: String?
    /// The column headers.
    public var headers: [String]
    /// One alignment per column; missing entries mean left.
    public var alignments: [Alignment]
    /// The rows, each with one cell per column (missing cells print empty, extra ones not at all).
    public var rows: [[String]]
    /// Lines printed after the table as they are.
    public var footers: [String]

    /// Creates a table.
    public init(title: String? = nil, headers: [String], alignments: [Alignment] = [], rows: [[String]] = [], footers: [String] = []) {
        self.title = title
        self.headers = headers
        self.alignments = alignments
        self.rows = rows
        self.footers = footers
    }

    /// The table as psql prints it, ending with the blank line psql writes after every table.
    public func rendered() -> String {
        let headerCells = headers.map { PsqlCellFormatter(formatting: $0) }
        let rowCells = rows.map { row in
            headers.indices.map { PsqlCellFormatter(formatting: $0 < row.count ? row[$0] : "") }
        }
        var widths = headerCells.map(\.widestLine)
        for row in rowCells {
            for (column, cell) in row.enumerated() {
                widths[column] = max(widths[column], cell.widestLine)
            }
        }
        let layout = PsqlAlignedLayout(widths: widths, alignments: alignments)
        var output: [UInt8] = []
        if let title { layout.appendTitle(title, to: &output) }
        layout.appendHeader(headerCells, to: &output)
        for row in rowCells {
            layout.appendRow(row, to: &output)
        }
        PsqlAlignedLayout.appendFooters(footers, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
