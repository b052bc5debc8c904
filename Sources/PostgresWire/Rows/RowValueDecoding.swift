/// The decoding step shared by lent rows (``PostgresRow``) and owned rows (``PostgresDataRow``).
@usableFromInline enum RowValueDecoding {
    /// Decodes one column, NULL included (an Optional `T` accepts it, others refuse it), and names the
    /// column in any error.
    @inlinable static func decode<T: PostgresDecodable>(
        _ type: T.Type, _ bytes: UnsafeRawBufferPointer?, index: Int, columns: PostgresColumns
    ) throws -> T {
        do {
            return try T.decode(fromNullable: bytes, format: columns.format(at: index), type: columns.typeOID(at: index))
        } catch let error as PostgresDecodingError {
            throw ClientError(.query, "column \"\(columns.names[index])\": \(error)")
        }
    }
}
