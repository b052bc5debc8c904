import PostgresWire

extension ResultRow where Self: ~Copyable {
    /// Column `index` as the server's text output (nil for NULL), lent as UTF-8 bytes: the received
    /// bytes themselves for text-format columns, a rendering for binary ones.
    func withText<R>(at index: Int, columns: PostgresColumns, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        if columns.format(at: index) == .text {
            return try withBytes(at: index, body)
        }
        guard var rendered = text(at: index) else { return try body(nil) }
        return try rendered.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }
}
