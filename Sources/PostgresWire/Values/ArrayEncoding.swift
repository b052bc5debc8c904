/// Encoding of arrays as one-dimensional binary arrays, and of `[UInt8]` as `bytea`.
extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// The array type of the element type (`[Int32]` → `int4[]`); `bytea` for `[UInt8]`; 0 (let the server
    /// infer) for element types without a well-known array type.
    public static var postgresType: PostgresOID {
        if Element.self == UInt8.self { return PostgresTypeOID.bytea }
        return PostgresTypeOID.arrayOID(forElement: Element.postgresArrayElementType) ?? 0
    }

    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }

    /// Appends the binary array (`array_recv`'s input): one dimension with lower bound 1, or zero dimensions
    /// when empty; each element as its int32 length (-1 for NULL) and its binary bytes.
    /// For `[UInt8]`, appends the raw bytes of a `bytea`.
    public func encode(into buffer: inout [UInt8]) {
        if Element.self == UInt8.self {
            buffer.append(contentsOf: unsafeBitCast(self, to: [UInt8].self))  // Element is UInt8: the same type
            return
        }
        BigEndian.append(Int32(isEmpty ? 0 : 1), to: &buffer)
        BigEndian.append(Int32(contains { $0.isPostgresNull } ? 1 : 0), to: &buffer)
        BigEndian.append(Element.postgresArrayElementType, to: &buffer)
        guard !isEmpty else { return }
        BigEndian.append(Int32(count), to: &buffer)
        BigEndian.append(Int32(1), to: &buffer)
        for element in self {
            if element.isPostgresNull {
                BigEndian.append(Int32(-1), to: &buffer)
                continue
            }
            let lengthOffset = buffer.count
            BigEndian.append(Int32(0), to: &buffer)
            element.encodeBinary(into: &buffer)
            BigEndian.store(Int32(buffer.count - lengthOffset - 4), into: &buffer, at: lengthOffset)
        }
    }
}
