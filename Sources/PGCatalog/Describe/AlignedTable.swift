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
/// The title is centred over the table, headers are centred in their columns, cells are padded to
/// the widest value by display width (see ``DisplayWidth``), a value with newlines continues on the
/// next lines with `+` at the end of each broken line, the last column carries no trailing padding,
/// footers follow verbatim, and a blank line ends the table.
public struct AlignedTable: Sendable, Equatable {
    /// Where a column's values sit in their cells (headers are always centred).
    public enum Alignment: Sendable, Equatable {
        case left
        case right
    }

    /// Printed centred above the table; nil for none.
    public var title: String?
    /// The column headers.
    public var headers: [String]
    /// One alignment per column; missing entries mean left.
    public var alignments: [Alignment]
    /// The rows, each with one cell per column (missing cells print empty).
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
        let columnCount = headers.count
        // Headers and cells go through psql's UTF-8 check; the title and footers print as they are.
        let headerLines = headers.map { DisplayWidth.lines(of: DisplayWidth.psqlValidated($0)) }
        let cellLines = rows.map { row in
            (0..<columnCount).map { DisplayWidth.lines(of: $0 < row.count ? DisplayWidth.psqlValidated(row[$0]) : "") }
        }
        var widths = headerLines.map { $0.map(\.width).max() ?? 0 }
        for row in cellLines {
            for (column, lines) in row.enumerated() {
                widths[column] = max(widths[column], lines.map(\.width).max() ?? 0)
            }
        }
        // Border style 1: " value |" per column, without the final " |".
        let totalWidth = widths.reduce(columnCount > 0 ? columnCount * 3 - 1 : 0, +)

        var output = ""
        if let title {
            let titleWidth = DisplayWidth.width(of: title)
            if titleWidth < totalWidth { output += spaces((totalWidth - titleWidth) / 2) }
            output += title + "\n"
        }
        output += renderHeaders(headerLines, widths: widths)
        output += "-" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "-\n"
        for row in cellLines {
            output += renderRow(row, widths: widths)
        }
        for footer in footers {
            output += footer + "\n"
        }
        return output + "\n"
    }

    private func renderHeaders(_ headerLines: [[DisplayWidth.Line]], widths: [Int]) -> String {
        let lineCount = headerLines.map(\.count).max() ?? 0
        var output = ""
        for lineIndex in 0..<lineCount {
            for (column, lines) in headerLines.enumerated() {
                output += " "
                if lineIndex < lines.count {
                    let line = lines[lineIndex]
                    let free = widths[column] - line.width
                    output += spaces(free / 2) + line.text + spaces((free + 1) / 2)
                    output += lineIndex + 1 < lines.count ? "+" : " "
                } else {
                    output += spaces(widths[column]) + " "
                }
                if column < headerLines.count - 1 { output += "|" }
            }
            output += "\n"
        }
        return output
    }

    private func renderRow(_ row: [[DisplayWidth.Line]], widths: [Int]) -> String {
        let lineCount = row.map(\.count).max() ?? 1
        let lastColumn = row.count - 1
        var output = ""
        for lineIndex in 0..<lineCount {
            for (column, lines) in row.enumerated() {
                let isLast = column == lastColumn
                output += " "
                guard lineIndex < lines.count else {
                    // This value has no more lines: keep the columns to its right in place.
                    if !isLast { output += spaces(widths[column]) + " |" }
                    continue
                }
                let line = lines[lineIndex]
                let continues = lineIndex + 1 < lines.count
                let padding = spaces(widths[column] - line.width)
                if alignment(of: column) == .right {
                    output += padding + line.text
                } else {
                    output += line.text
                    if !isLast || continues { output += padding }
                }
                if continues {
                    output += "+"
                } else if !isLast {
                    output += " "
                }
                if !isLast { output += "|" }
            }
            output += "\n"
        }
        return output
    }

    private func alignment(of column: Int) -> Alignment {
        column < alignments.count ? alignments[column] : .left
    }

    private func spaces(_ count: Int) -> String {
        String(repeating: " ", count: max(0, count))
    }
}
