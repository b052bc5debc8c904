/// Fixed-width big-endian reads from a borrowed payload and appends to an outgoing buffer.
///
/// Reads are unchecked: callers verify the length first and throw a ``PostgresDecodingError`` when it is
/// wrong, so no read ever goes past the payload.
enum BigEndian {
    /// Reads a `T` stored big-endian at `offset`; `offset + MemoryLayout<T>.size` must be within `bytes`.
    @inline(__always)
    static func load<T: FixedWidthInteger>(_: T.Type, from bytes: UnsafeRawBufferPointer, at offset: Int = 0) -> T {
        T(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Appends `value` in big-endian byte order.
    @inline(__always)
    static func append<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    /// Overwrites the four bytes at `offset` with `value` in big-endian order (for length fields written late).
    static func store(_ value: Int32, into buffer: inout [UInt8], at offset: Int) {
        let bits = UInt32(bitPattern: value)
        buffer[offset] = UInt8(truncatingIfNeeded: bits >> 24)
        buffer[offset + 1] = UInt8(truncatingIfNeeded: bits >> 16)
        buffer[offset + 2] = UInt8(truncatingIfNeeded: bits >> 8)
        buffer[offset + 3] = UInt8(truncatingIfNeeded: bits)
    }
}
