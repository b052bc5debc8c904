/// Turns a received value into the exact text PostgreSQL's output function prints for it, whichever format
/// it arrived in: for display (psql-like tables, CSV, JSON lines) and for comparing with expected text.
///
/// Assumes the session settings pgcheck uses: `DateStyle = ISO`, `IntervalStyle = postgres`,
/// `TimeZone = UTC` (so `timestamptz` ends in `+00`), `bytea_output = hex`, `extra_float_digits = 1`.
public enum PostgresTextRenderer {
    /// The output-function text of a non-NULL value. Text-format values are returned as sent; binary values of
    /// the well-known types and their arrays are rendered; unknown or malformed binary values render as `\x`
    /// and their bytes in hex.
    public static func render(bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) -> String {
        if format == .text { return String(decoding: bytes, as: UTF8.self) }
        if let text = renderBinary(bytes, type: type) { return text }
        var hex = ""
        ByteaText.appendHex(bytes, to: &hex)
        return hex
    }

    /// The text of a binary value, or nil when the type is not known here or the bytes do not fit its layout.
    static func renderBinary(_ bytes: UnsafeRawBufferPointer, type: PostgresOID) -> String? {
        func load<T: FixedWidthInteger>(_: T.Type) -> T? {
            bytes.count == MemoryLayout<T>.size ? BigEndian.load(T.self, from: bytes) : nil
        }
        switch type {
        case PostgresTypeOID.bool: return load(UInt8.self).map { $0 != 0 ? "t" : "f" }
        case PostgresTypeOID.int2: return load(Int16.self).map { String($0) }
        case PostgresTypeOID.int4: return load(Int32.self).map { String($0) }
        case PostgresTypeOID.int8: return load(Int64.self).map { String($0) }
        case PostgresTypeOID.oid: return load(UInt32.self).map { String($0) }
        case PostgresTypeOID.float4: return load(UInt32.self).map { FloatFormatting.format(Float(bitPattern: $0)) }
        case PostgresTypeOID.float8: return load(UInt64.self).map { FloatFormatting.format(Double(bitPattern: $0)) }
        case PostgresTypeOID.text, PostgresTypeOID.varchar, PostgresTypeOID.bpchar, PostgresTypeOID.name,
             PostgresTypeOID.unknown, PostgresTypeOID.json:
            return String(decoding: bytes, as: UTF8.self)
        case PostgresTypeOID.char: return load(UInt8.self).map(renderChar)
        case PostgresTypeOID.jsonb:
            return (try? JSONBBinary.text(of: bytes, as: String.self)).map { String(decoding: $0, as: UTF8.self) }
        case PostgresTypeOID.bytea:
            var hex = ""
            ByteaText.appendHex(bytes, to: &hex)
            return hex
        case PostgresTypeOID.uuid:
            guard bytes.count == 16 else { return nil }
            return renderUUID(bytes)
        case PostgresTypeOID.date: return load(Int32.self).map { TemporalText.formatDate(days: $0) }
        case PostgresTypeOID.time: return load(Int64.self).map { TemporalText.formatTime(microseconds: $0) }
        case PostgresTypeOID.timestamp:
            return load(Int64.self).map { TemporalText.formatTimestamp(microseconds: $0, utcSuffix: false) }
        case PostgresTypeOID.timestamptz:
            return load(Int64.self).map { TemporalText.formatTimestamp(microseconds: $0, utcSuffix: true) }
        case PostgresTypeOID.interval:
            guard bytes.count == 16 else { return nil }
            return (try? PostgresInterval.decode(from: bytes, format: .binary, type: type))?.description
        case PostgresTypeOID.numeric: return try? NumericBinary.decode(bytes)
        default:
            guard PostgresTypeOID.elementOID(forArray: type) != nil else { return nil }
            return ArrayRendering.render(bytes)
        }
    }

    /// `charout`: the byte itself, nothing for the zero byte, `\ooo` for bytes with the high bit set.
    private static func renderChar(_ byte: UInt8) -> String {
        if byte == 0 { return "" }
        guard byte >= 0x80 else { return String(Unicode.Scalar(byte)) }
        let octal = String(byte, radix: 8)
        return "\\" + String(repeating: "0", count: 3 - octal.count) + octal
    }

    /// `uuid_out`: lower-case hex in groups of 8-4-4-4-12.
    private static func renderUUID(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// `array_out` for binary arrays of any dimension: elements rendered by their own type, quoted when needed.
enum ArrayRendering {
    /// The array's text, or nil when the binary layout is malformed.
    static func render(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count >= 12 else { return nil }
        let dimensionCount = Int(BigEndian.load(Int32.self, from: bytes, at: 0))
        let elementType = BigEndian.load(UInt32.self, from: bytes, at: 8)
        guard dimensionCount >= 0, dimensionCount <= 6, bytes.count >= 12 + 8 * dimensionCount else { return nil }
        if dimensionCount == 0 { return bytes.count == 12 ? "{}" : nil }
        var sizes: [Int] = []
        var bounds = ""
        var needsBounds = false
        for dimension in 0..<dimensionCount {
            let size = Int(BigEndian.load(Int32.self, from: bytes, at: 12 + 8 * dimension))
            let lower = Int(BigEndian.load(Int32.self, from: bytes, at: 16 + 8 * dimension))
            guard size >= 0 else { return nil }
            sizes.append(size)
            needsBounds = needsBounds || lower != 1
            bounds += "[\(lower):\(lower + size - 1)]"
        }
        var offset = 12 + 8 * dimensionCount
        if sizes.contains(0) { return offset == bytes.count ? "{}" : nil }
        var text = needsBounds ? bounds + "=" : ""
        guard appendLevel(0, sizes: sizes, bytes: bytes, offset: &offset, elementType: elementType, to: &text),
              offset == bytes.count else { return nil }
        return text
    }

    /// Appends `{…}` for one dimension level, recursing into the next; false when the bytes run out.
    private static func appendLevel(
        _ level: Int, sizes: [Int], bytes: UnsafeRawBufferPointer, offset: inout Int,
        elementType: PostgresOID, to text: inout String
    ) -> Bool {
        text += "{"
        for index in 0..<sizes[level] {
            if index > 0 { text += "," }
            if level + 1 < sizes.count {
                guard appendLevel(level + 1, sizes: sizes, bytes: bytes, offset: &offset, elementType: elementType, to: &text) else { return false }
                continue
            }
            guard bytes.count - offset >= 4 else { return false }
            let length = Int(BigEndian.load(Int32.self, from: bytes, at: offset))
            offset += 4
            if length == -1 {
                text += "NULL"
                continue
            }
            guard length >= 0, bytes.count - offset >= length else { return false }
            let element = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
            offset += length
            appendQuotedIfNeeded(PostgresTextRenderer.render(bytes: element, format: .binary, type: elementType), to: &text)
        }
        text += "}"
        return true
    }

    /// Appends an element as `array_out` does: in double quotes, with `"` and `\` escaped, when it is empty,
    /// spells NULL, or contains a quote, backslash, brace, comma or whitespace.
    static func appendQuotedIfNeeded(_ element: String, to text: inout String) {
        let needsQuotes = element.isEmpty || element.lowercased() == "null" || element.utf8.contains { byte in
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "{")
                || byte == UInt8(ascii: "}") || byte == UInt8(ascii: ",") || ASCII.isSpace(byte)
        }
        guard needsQuotes else {
            text += element
            return
        }
        text += "\""
        for character in element.unicodeScalars {
            if character == "\"" || character == "\\" { text += "\\" }
            text.unicodeScalars.append(character)
        }
        text += "\""
    }
}
