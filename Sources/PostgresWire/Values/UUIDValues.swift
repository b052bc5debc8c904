import Foundation

/// Decoding and encoding of `uuid` as Foundation's `UUID`.
extension UUID: PostgresDecodable, PostgresEncodable {
    /// Decodes `uuid`: 16 bytes in binary; 32 hex digits in text, in either case, with optional hyphens and
    /// braces as `uuid_in` accepts them.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> UUID {
        let isNative = type == PostgresTypeOID.uuid
        if format == .binary, isNative {
            try DecodingRoute.requireLength(bytes, 16, UUID.self, type)
            return fromNetworkBytes(bytes)
        }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        guard DecodingRoute.allowsText(format: format, type: type, isNative: isNative) else {
            throw PostgresDecodingError(UUID.self, type, format, PostgresDecodingError.typeReason(accepted: [PostgresTypeOID.uuid]))
        }
        let parsed = withUnsafeMutableBytes(of: &raw) { parseHex(ASCII.trimmed(bytes), into: $0) }
        guard parsed else {
            throw PostgresDecodingError(UUID.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not a UUID")
        }
        return UUID(uuid: raw)
    }

    /// The UUID whose 16 bytes, in order, are `bytes` (checked to be 16 long).
    ///
    /// `UUID(uuid:)` takes its `uuid_t` as sixteen separate arguments through a call into Foundation:
    /// per value that costs more than the rest of decoding it (7 % of the client's CPU streaming a table
    /// with two uuid columns). `UUID` is Foundation's wrapper of exactly one `uuid_t`, so the value is
    /// loaded as a `UUID` directly, once ``loadsAsUUID`` has proved at run time that this Foundation lays
    /// it out that way; otherwise the initializer is used.
    @inline(__always)
    static func fromNetworkBytes(_ bytes: UnsafeRawBufferPointer) -> UUID {
        if loadsAsUUID { return bytes.loadUnaligned(as: UUID.self) }
        return UUID(uuid: bytes.loadUnaligned(as: uuid_t.self))
    }

    /// Whether 16 bytes loaded as a `UUID` give the UUID of those bytes (checked once, on a probe whose
    /// every byte differs).
    static let loadsAsUUID: Bool = {
        guard MemoryLayout<UUID>.size == 16, MemoryLayout<UUID>.stride == 16 else { return false }
        let probe: [UInt8] = (0..<16).map { UInt8(0x10 &+ $0 &* 0x0F) }
        let loaded = probe.withUnsafeBytes { $0.loadUnaligned(as: UUID.self) }
        return withUnsafeBytes(of: loaded.uuid) { Array($0) } == probe
            && loaded == UUID(uuid: probe.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) })
    }()

    /// Reads 32 hex digits into `output`; hyphens may separate digits, braces may enclose them.
    private static func parseHex(_ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        var body = text
        if body.count >= 2, body.first == UInt8(ascii: "{"), body.last == UInt8(ascii: "}") {
            body = UnsafeRawBufferPointer(rebasing: body.dropFirst().dropLast())
        }
        var nibbles = 0
        for byte in body {
            if byte == UInt8(ascii: "-"), nibbles > 0, nibbles < 32, nibbles % 2 == 0 { continue }
            guard nibbles < 32, let value = ASCII.hexValue(byte) else { return false }
            if nibbles % 2 == 0 {
                output[nibbles / 2] = value << 4
            } else {
                output[nibbles / 2] |= value
            }
            nibbles += 1
        }
        return nibbles == 32
    }

    /// `uuid`
    public static var postgresType: PostgresOID { PostgresTypeOID.uuid }
    /// Binary: the 16 bytes.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends the 16 bytes in network order.
    public func encode(into buffer: inout [UInt8]) {
        withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) }
    }
}
