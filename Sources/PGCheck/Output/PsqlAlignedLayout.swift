import PostgresWire

/// psql's aligned table layout in its default settings (`\pset format aligned`, `border 1`,
/// `linestyle ascii`, no pager, no expanded mode), drawn once every column width is known.
///
/// ```
///  id | meter     | note
/// ----+-----------+-------
///   1 | api_calls | a    +
///     |           | b
/// (1 row)
///
/// ```
/// Headers are centred (the odd space on the right), numbers right-aligned, each line of a multi-line
/// value but the last ends in `+`, the last column carries no trailing padding, and the table ends
/// with the row-count footer and a blank line. Mirrors `print_aligned_text` in psql's print.c.
struct PsqlAlignedLayout {
    enum Alignment { case left, right }

    /// Each column's width in display columns (the widest header or cell line).
    let widths: [Int]
    /// Each column's alignment.
    let alignments: [Alignment]

    private var lastColumn: Int { widths.count - 1 }

    /// The alignment psql gives a column of this type: numbers (and money, oids, transaction ids) right.
    static func alignment(for type: PostgresOID) -> Alignment {
        switch type {
        // int8, int2, int4, oid, xid, cid, float4, float8, money, numeric, xid8
        case 20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069: return .right
        default: return .left
        }
    }

    /// The title line, centred over the table when narrower than it.
    func writeTitle(_ title: String, to writer: OutputWriter) throws {
        let titleWidth = PsqlCellFormatter.width(of: title)
        let totalWidth = widths.reduce(widths.isEmpty ? 0 : widths.count * 3 - 1, +)
        if titleWidth < totalWidth { try writer.write(repeating: UInt8(ascii: " "), count: (totalWidth - titleWidth) / 2) }
        try writer.write(title)
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    /// The header lines (several when a column name holds newlines) and the `-+-` rule under them.
    func writeHeader(_ headers: [PsqlCellFormatter], to writer: OutputWriter) throws {
        let lineCount = headers.map(\.lineCount).max() ?? 0
        for lineIndex in 0..<lineCount {
            for (column, header) in headers.enumerated() {
                try writer.write(byte: UInt8(ascii: " "))
                if lineIndex < header.lineCount {
                    let free = widths[column] - header.lineWidths[lineIndex]
                    try writer.write(repeating: UInt8(ascii: " "), count: free / 2)
                    try writer.write(header.line(lineIndex))
                    try writer.write(repeating: UInt8(ascii: " "), count: (free + 1) / 2)
                    try writer.write(byte: lineIndex + 1 < header.lineCount ? UInt8(ascii: "+") : UInt8(ascii: " "))
                } else {
                    try writer.write(repeating: UInt8(ascii: " "), count: widths[column] + 1)
                }
                if column < lastColumn { try writer.write(byte: UInt8(ascii: "|")) }
            }
            try writer.write(byte: UInt8(ascii: "\n"))
        }
        try writer.write(byte: UInt8(ascii: "-"))
        for (column, width) in widths.enumerated() {
            try writer.write(repeating: UInt8(ascii: "-"), count: width)
            if column < lastColumn { try writer.write("-+-") }
        }
        try writer.write(byte: UInt8(ascii: "-"))
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    /// One row: as many output lines as its tallest cell.
    func writeRow(_ cells: [PsqlCellFormatter], to writer: OutputWriter) throws {
        let lineCount = cells.map(\.lineCount).max() ?? 0
        for lineIndex in 0..<lineCount {
            for (column, cell) in cells.enumerated() {
                let isLast = column == lastColumn
                try writer.write(byte: UInt8(ascii: " "))
                guard lineIndex < cell.lineCount else {
                    // This value has no more lines: keep the columns to its right in place.
                    if !isLast { try writer.write(repeating: UInt8(ascii: " "), count: widths[column] + 1) }
                    if !isLast { try writer.write(byte: UInt8(ascii: "|")) }
                    continue
                }
                let continues = lineIndex + 1 < cell.lineCount
                let padding = widths[column] - cell.lineWidths[lineIndex]
                if alignments[column] == .right {
                    try writer.write(repeating: UInt8(ascii: " "), count: padding)
                    try writer.write(cell.line(lineIndex))
                } else {
                    try writer.write(cell.line(lineIndex))
                    if !isLast || continues { try writer.write(repeating: UInt8(ascii: " "), count: padding) }
                }
                if continues {
                    try writer.write(byte: UInt8(ascii: "+"))
                } else if !isLast {
                    try writer.write(byte: UInt8(ascii: " "))
                }
                if !isLast { try writer.write(byte: UInt8(ascii: "|")) }
            }
            try writer.write(byte: UInt8(ascii: "\n"))
        }
    }

    /// psql's default footer and the blank line that ends every table.
    func writeFooter(rowCount: Int, to writer: OutputWriter) throws {
        try writer.write(rowCount == 1 ? "(1 row)\n\n" : "(\(rowCount) rows)\n\n")
    }
}
