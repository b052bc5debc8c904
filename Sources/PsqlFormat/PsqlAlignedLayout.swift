import PostgresWire

/// psql's aligned table layout in its default settings (`\pset format aligned`, `border 1`,
/// `linestyle ascii`, no pager, no expanded mode, no wrapping), drawn once every column width is known.
///
/// ```
///       Title
///  id | meter     | note
/// ----+-----------+-------
///   1 | api_calls | a    +
///     |           | b
/// (1 row)
///
/// ```
/// The title is centred over the table, headers are centred (the odd space on the right), numbers
/// right-aligned, each line of a multi-line value but the last ends in `+`, the last column carries no
/// trailing padding, footers follow as they are and a blank line ends the table. Mirrors
/// `print_aligned_text` in psql's print.c.
///
/// The layout appends to a byte buffer: ``AlignedTable`` renders a whole table in memory, a streaming
/// sink renders and writes one row at a time.
public struct PsqlAlignedLayout: Sendable {
    /// Where a column's values sit in their cells (headers are always centred).
    public enum Alignment: Sendable, Equatable, Hashable {
        case left
        case right
    }

    /// Each column's width in display columns (the widest header or cell line).
    public let widths: [Int]
    /// Each column's alignment; missing entries mean left.
    public let alignments: [Alignment]

    /// Creates a layout for columns of these widths and alignments.
    public init(widths: [Int], alignments: [Alignment]) {
        self.widths = widths
        self.alignments = alignments
    }

    private var lastColumn: Int { widths.count - 1 }

    /// The alignment psql gives a column of this type: numbers (and money, oids, transaction ids) right.
    public static func alignment(for type: PostgresOID) -> Alignment {
        switch type {
        // int8, int2, int4, oid, xid, cid, float4, float8, money, numeric, xid8
        case 20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069: return .right
        default: return .left
        }
    }

    /// The title line, centred over the table when narrower than it; printed as it is.
    public func appendTitle(_ title: String, to output: inout [UInt8]) {
        let titleWidth = DisplayWidth.width(of: title)
        let totalWidth = widths.reduce(widths.isEmpty ? 0 : widths.count * 3 - 1, +)
        if titleWidth < totalWidth { appendSpaces((totalWidth - titleWidth) / 2, to: &output) }
        output.append(contentsOf: title.utf8)
        output.append(UInt8(ascii: "\n"))
    }

    /// The header lines (several when a column name holds newlines) and the `-+-` rule under them.
    public func appendHeader(_ headers: [PsqlCellFormatter], to output: inout [UInt8]) {
        let lineCount = headers.map(\.lineCount).max() ?? 0
        for lineIndex in 0..<lineCount {
            for (column, header) in headers.enumerated() {
                output.append(UInt8(ascii: " "))
                if lineIndex < header.lineCount {
                    let free = widths[column] - header.lineWidths[lineIndex]
                    appendSpaces(free / 2, to: &output)
                    output.append(contentsOf: header.line(lineIndex))
                    appendSpaces((free + 1) / 2, to: &output)
                    output.append(lineIndex + 1 < header.lineCount ? UInt8(ascii: "+") : UInt8(ascii: " "))
                } else {
                    appendSpaces(widths[column] + 1, to: &output)
                }
                if column < lastColumn { output.append(UInt8(ascii: "|")) }
            }
            output.append(UInt8(ascii: "\n"))
        }
        output.append(UInt8(ascii: "-"))
        for (column, width) in widths.enumerated() {
            output.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
            if column < lastColumn { output.append(contentsOf: "-+-".utf8) }
        }
        output.append(UInt8(ascii: "-"))
        output.append(UInt8(ascii: "\n"))
    }

    /// One row: as many output lines as its tallest cell.
    public func appendRow(_ cells: [PsqlCellFormatter], to output: inout [UInt8]) {
        let lineCount = cells.map(\.lineCount).max() ?? 0
        for lineIndex in 0..<lineCount {
            for (column, cell) in cells.enumerated() {
                let isLast = column == lastColumn
                output.append(UInt8(ascii: " "))
                guard lineIndex < cell.lineCount else {
                    // This value has no more lines: keep the columns to its right in place.
                    if !isLast {
                        appendSpaces(widths[column] + 1, to: &output)
                        output.append(UInt8(ascii: "|"))
                    }
                    continue
                }
                let continues = lineIndex + 1 < cell.lineCount
                let padding = widths[column] - cell.lineWidths[lineIndex]
                if alignment(of: column) == .right {
                    appendSpaces(padding, to: &output)
                    output.append(contentsOf: cell.line(lineIndex))
                } else {
                    output.append(contentsOf: cell.line(lineIndex))
                    if !isLast || continues { appendSpaces(padding, to: &output) }
                }
                if continues {
                    output.append(UInt8(ascii: "+"))
                } else if !isLast {
                    output.append(UInt8(ascii: " "))
                }
                if !isLast { output.append(UInt8(ascii: "|")) }
            }
            output.append(UInt8(ascii: "\n"))
        }
    }

    /// Footer lines as they are (psql's `(2 rows)`, `\d`'s `Indexes:` …), then the blank line that ends
    /// every table.
    public static func appendFooters(_ footers: [String], to output: inout [UInt8]) {
        for footer in footers {
            output.append(contentsOf: footer.utf8)
            output.append(UInt8(ascii: "\n"))
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// psql's default footer for a query result: `(1 row)`, `(0 rows)`, `(2 rows)`.
    public static func rowCountFooter(_ count: Int) -> String {
        count == 1 ? "(1 row)" : "(\(count) rows)"
    }

    private func alignment(of column: Int) -> Alignment {
        column < alignments.count ? alignments[column] : .left
    }

    private func appendSpaces(_ count: Int, to output: inout [UInt8]) {
        guard count > 0 else { return }
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }
}
