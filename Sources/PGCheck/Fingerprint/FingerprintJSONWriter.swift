/// Writes a ``FingerprintDocument`` as it is computed: the header first, each range as soon as it
/// closes, the column totals at the end. However many ranges a table has, none is kept in memory.
///
/// The layout is fixed (keys in a set order, one range per line), so the same data gives the same
/// bytes apart from `meta`.
struct FingerprintJSONWriter {
    let writer: OutputWriter
    private var rangeCount = 0

    init(writer: OutputWriter) {
        self.writer = writer
    }

    mutating func begin(table: String, orderBy: [String], rangeSize: Int, encoding: [(String, String)]) throws {
        var text = "{\n"
        text += "  \"format\": \(JSONText.quoted(FingerprintDocument.formatName)),\n"
        text += "  \"version\": \(FingerprintDocument.currentVersion),\n"
        text += "  \"table\": \(JSONText.quoted(table)),\n"
        text += "  \"orderBy\": [\(orderBy.map(JSONText.quoted).joined(separator: ", "))],\n"
        text += "  \"rangeSize\": \(rangeSize),\n"
        text += "  \"encoding\": {\(encoding.map { "\(JSONText.quoted($0.0)): \(JSONText.quoted($0.1))" }.joined(separator: ", "))},\n"
        text += "  \"ranges\": ["
        try writer.write(text)
    }

    mutating func range(_ range: FingerprintDocument.RowRange, columnOrder: [String]) throws {
        var text = rangeCount == 0 ? "\n    " : ",\n    "
        text += "{\"index\": \(range.index), \"rows\": \(range.rows), "
        text += "\"firstKey\": \(Self.key(range.firstKey)), \"lastKey\": \(Self.key(range.lastKey)), \"sha256\": {"
        text += columnOrder.map { "\(JSONText.quoted($0)): \(JSONText.quoted(range.sha256[$0] ?? ""))" }.joined(separator: ", ")
        text += "}}"
        rangeCount += 1
        try writer.write(text)
    }

    func end(columns: [FingerprintDocument.Column], rowCount: Int, meta: [(String, String)]) throws {
        var text = rangeCount == 0 ? "],\n" : "\n  ],\n"
        text += "  \"columns\": ["
        text += columns.map { column in
            "\n    {\"name\": \(JSONText.quoted(column.name)), \"type\": \(JSONText.quoted(column.type)), \"sha256\": \(JSONText.quoted(column.sha256))}"
        }.joined(separator: ",")
        text += columns.isEmpty ? "],\n" : "\n  ],\n"
        text += "  \"rowCount\": \(rowCount),\n"
        text += "  \"meta\": {\(meta.map { "\(JSONText.quoted($0.0)): \(JSONText.quoted($0.1))" }.joined(separator: ", "))}\n"
        text += "}\n"
        try writer.write(text)
    }

    private static func key(_ values: [String?]) -> String {
        "[" + values.map { $0.map(JSONText.quoted) ?? "null" }.joined(separator: ", ") + "]"
    }
}
