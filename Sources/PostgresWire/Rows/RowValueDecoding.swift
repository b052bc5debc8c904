/// The decoding step shared by lent rows (``PostgresRow``) and owned rows (``PostgresDataRow``).
@usableFromInline enum RowValueDecoding {
    @inlinable static func decode<T: PostgresDecodable>(
        _ type: T.Type, _ bytes: UnsafeRawBufferPointer?, index: Int, columns: PostgresColumns
    ) throws -> T {
        guard let bytes else {
            throw ClientError(.query, "column \"\(columns.names[index])\" is NULL; decode it as an optional (decodeIfPresent) to accept NULL")
        }
        do {
            return try T.decode(from: bytes, format: columns.format(at: index), type: columns.typeOID(at: index))
        } catch let error as PostgresDecodingError {
            throw ClientError(.query, "column \"\(columns.names[index])\": \(error)")
        }
    }
}
