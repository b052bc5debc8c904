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
            throw columnError(error, index: index, columns: columns)
        }
    }

    /// The same for a lent row, which reaches its columns without reference counting: the layout entry
    /// for the value, and the columns themselves only to name the column in an error.
    @inlinable static func decode<T: PostgresDecodable>(
        _ type: T.Type, _ bytes: UnsafeRawBufferPointer?, index: Int,
        layout: PostgresColumns.ColumnLayout, columns: Unmanaged<PostgresColumns>
    ) throws -> T {
        do {
            return try T.decode(fromNullable: bytes, format: layout.format, type: layout.typeOID)
        } catch let error as PostgresDecodingError {
            throw columnError(error, index: index, columns: columns.takeUnretainedValue())
        }
    }

    /// The error for a value of column `index` that could not be decoded.
    @usableFromInline static func columnError(_ error: PostgresDecodingError, index: Int, columns: PostgresColumns) -> ClientError {
        ClientError(.query, "column \"\(columns.names[index])\": \(error)")
    }
}
