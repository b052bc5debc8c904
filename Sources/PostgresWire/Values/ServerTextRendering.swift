/// Renders binary values as the exact text the server's output functions print under given session
/// settings, appending to a ``TextBuffer``: the engine behind ``PostgresTextRenderer``, ``ResultTextRenderer``
/// and so behind every output format of `pgcheck smoke`.
///
/// Every writer here follows the server's own code (`int8out`, `float8out`, `numeric_out`, `uuid_out`,
/// `date_out`, `timestamptz_out`, `interval_out`, `byteaout`, `jsonb_out`, `array_out`), byte for byte;
/// the integration tests compare its output with the server's text for the edge values of every type.
struct ServerTextRendering {
    let dateStyle: ServerTextSettings.DateStyle
    let dateOrder: ServerTextSettings.DateOrder
    let intervalStyle: ServerTextSettings.IntervalStyle
    /// Seconds east of UTC that `timestamptz` is shown in (0 when the zone is not fixed: best effort).
    let utcOffset: Int
    let serverVersionNumber: Int

    init(_ settings: ServerTextSettings) {
        dateStyle = settings.dateStyle ?? .iso
        dateOrder = settings.dateOrder
        intervalStyle = settings.intervalStyle ?? .postgres
        utcOffset = settings.fixedUTCOffset ?? 0
        serverVersionNumber = settings.serverVersionNumber
    }

    /// Appends the text of the binary value `bytes` of `kind`; false (with `out` unchanged) when the bytes
    /// do not fit the type's layout or the kind is not rendered here. `scratch` is working space for arrays.
    func append(_ bytes: UnsafeRawBufferPointer, kind: ValueTextKind, to out: inout TextBuffer, scratch: inout TextBuffer) -> Bool {
        switch kind {
        case .verbatim:
            out.append(bytes)
            return true
        case .array:
            let mark = out.count
            guard appendArray(bytes, to: &out, scratch: &scratch) else {
                out.truncate(to: mark)
                return false
            }
            return true
        default:
            return appendScalar(bytes, kind: kind, to: &out)
        }
    }

    /// Every kind but arrays.
    @inline(__always)
    func appendScalar(_ bytes: UnsafeRawBufferPointer, kind: ValueTextKind, to out: inout TextBuffer) -> Bool {
        let count = bytes.count
        switch kind {
        case .int8:
            guard count == 8 else { return false }
            let start = out.reserve(DecimalDigits.maximumSignedLength)
            out.advance(by: DecimalDigits.writeSigned(BigEndian.load(Int64.self, from: bytes), to: start))
        case .int4:
            guard count == 4 else { return false }
            let start = out.reserve(DecimalDigits.maximumSignedLength)
            out.advance(by: DecimalDigits.writeSigned(Int64(BigEndian.load(Int32.self, from: bytes)), to: start))
        case .int2:
            guard count == 2 else { return false }
            let start = out.reserve(DecimalDigits.maximumSignedLength)
            out.advance(by: DecimalDigits.writeSigned(Int64(BigEndian.load(Int16.self, from: bytes)), to: start))
        case .oid:
            guard count == 4 else { return false }
            let start = out.reserve(DecimalDigits.maximumSignedLength)
            out.advance(by: DecimalDigits.write(UInt64(BigEndian.load(UInt32.self, from: bytes)), to: start))
        case .bool:
            guard count == 1 else { return false }
            out.append(bytes[0] != 0 ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .uuid:
            guard count == 16 else { return false }
            Self.writeUUID(bytes, to: out.reserve(36))
            out.advance(by: 36)
        case .timestamptz:
            guard count == 8 else { return false }
            // Only the ISO style shows a numeric offset; the others print the zone's abbreviation.
            guard let written = TemporalTextWriter.writeTimestamp(
                microseconds: BigEndian.load(Int64.self, from: bytes), utcOffset: utcOffset, style: .iso, order: dateOrder,
                to: out.reserve(TemporalTextWriter.maximumLength)) else { return false }
            out.advance(by: written)
        case .timestamp:
            guard count == 8, let written = TemporalTextWriter.writeTimestamp(
                microseconds: BigEndian.load(Int64.self, from: bytes), utcOffset: nil, style: dateStyle, order: dateOrder,
                to: out.reserve(TemporalTextWriter.maximumLength)) else { return false }
            out.advance(by: written)
        case .date:
            guard count == 4 else { return false }
            out.advance(by: TemporalTextWriter.writeDate(
                days: BigEndian.load(Int32.self, from: bytes), style: dateStyle, order: dateOrder,
                to: out.reserve(TemporalTextWriter.maximumLength)))
        case .time:
            guard count == 8, let written = TemporalTextWriter.writeTime(
                microseconds: BigEndian.load(Int64.self, from: bytes), to: out.reserve(TemporalTextWriter.maximumLength)) else { return false }
            out.advance(by: written)
        case .numeric:
            guard let layout = try? NumericBinary.layout(bytes) else { return false }
            out.advance(by: NumericBinary.write(bytes, layout, to: out.reserve(layout.textCapacity)))
        case .jsonb:
            guard count >= 1, bytes[0] == 1 else { return false }
            out.append(UnsafeRawBufferPointer(rebasing: bytes[1...]))
        case .bytea:
            Self.writeHex(bytes, to: out.reserve(2 + 2 * count))
            out.advance(by: 2 + 2 * count)
        case .interval:
            guard count == 16 else { return false }
            let interval = PostgresInterval(
                months: BigEndian.load(Int32.self, from: bytes, at: 12), days: BigEndian.load(Int32.self, from: bytes, at: 8),
                microseconds: BigEndian.load(Int64.self, from: bytes, at: 0))
            IntervalTextWriter.append(interval, style: intervalStyle, serverVersionNumber: serverVersionNumber, to: &out)
        case .float8:
            guard count == 8 else { return false }
            appendASCII(FloatFormatting.format(Double(bitPattern: BigEndian.load(UInt64.self, from: bytes))), to: &out)
        case .float4:
            guard count == 4 else { return false }
            appendASCII(FloatFormatting.format(Float(bitPattern: BigEndian.load(UInt32.self, from: bytes))), to: &out)
        case .char:
            guard count == 1 else { return false }
            Self.appendChar(bytes[0], to: &out)
        case .verbatim:
            out.append(bytes)
        case .array, .unknown:
            return false
        }
        return true
    }

    private func appendASCII(_ text: String, to out: inout TextBuffer) {
        var copy = text
        copy.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
    }

    /// `uuid_out`: lower-case hex in groups of 8-4-4-4-12.
    @inline(__always)
    private static func writeUUID(_ bytes: UnsafeRawBufferPointer, to start: UnsafeMutablePointer<UInt8>) {
        let digits = hexDigits.utf8Start
        var next = start
        for index in 0..<16 {
            if index == 4 || index == 6 || index == 8 || index == 10 {
                next[0] = UInt8(ascii: "-")
                next += 1
            }
            let byte = bytes[index]
            next[0] = digits[Int(byte >> 4)]
            next[1] = digits[Int(byte & 0x0F)]
            next += 2
        }
    }

    /// `byteaout` with `bytea_output = hex`: `\x` and two lower-case hex digits per byte.
    private static func writeHex(_ bytes: UnsafeRawBufferPointer, to start: UnsafeMutablePointer<UInt8>) {
        let digits = hexDigits.utf8Start
        start[0] = UInt8(ascii: "\\")
        start[1] = UInt8(ascii: "x")
        var next = start + 2
        for byte in bytes {
            next[0] = digits[Int(byte >> 4)]
            next[1] = digits[Int(byte & 0x0F)]
            next += 2
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// `charout`: the byte itself, nothing for the zero byte, `\ooo` for bytes with the high bit set.
    private static func appendChar(_ byte: UInt8, to out: inout TextBuffer) {
        if byte == 0 { return }
        guard byte >= 0x80 else { return out.append(byte) }
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "0") + (byte >> 6))
        out.append(UInt8(ascii: "0") + ((byte >> 3) & 7))
        out.append(UInt8(ascii: "0") + (byte & 7))
    }
}
