import PostgresWire

/// Reads a text-format catalog row the way psql's `PQgetvalue` does: NULL reads as the empty string
/// unless asked for as an optional, booleans are `t`/`f`.
struct DescribeRow {
    let row: PostgresDataRow

    init(_ row: PostgresDataRow) {
        self.row = row
    }

    /// The column's text, "" for NULL (what psql prints for it).
    func text(_ index: Int) -> String {
        optional(index) ?? ""
    }

    /// The column's text, nil for NULL.
    func optional(_ index: Int) -> String? {
        row.withBytes(at: index) { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// A boolean column: true only for `t`.
    func flag(_ index: Int) -> Bool {
        text(index) == "t"
    }

    /// An integer column; nil for NULL or text that is not an integer.
    func integer(_ index: Int) -> Int? {
        optional(index).flatMap { Int($0) }
    }

    /// A 64-bit integer column, 0 for NULL.
    func int64(_ index: Int) -> Int64 {
        optional(index).flatMap { Int64($0) } ?? 0
    }

    /// A text-array column (`{a,b}`); nil for NULL.
    func array(_ index: Int) throws -> [String]? {
        try row.decodeIfPresent([String].self, at: index)
    }
}
