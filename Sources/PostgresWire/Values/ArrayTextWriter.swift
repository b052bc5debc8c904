/// `array_out` for binary arrays of any dimension: bounds when a lower bound is not 1, braces per level,
/// elements rendered by their own type and quoted as `array_out` quotes them, `NULL` for null elements.
extension ServerTextRendering {
    /// Appends the array's text; false when the binary layout is malformed or an element cannot be
    /// rendered (the caller then drops what was appended).
    func appendArray(_ bytes: UnsafeRawBufferPointer, to out: inout TextBuffer, scratch: inout TextBuffer) -> Bool {
        guard bytes.count >= 12 else { return false }
        let dimensionCount = Int(BigEndian.load(Int32.self, from: bytes, at: 0))
        let elementType = BigEndian.load(UInt32.self, from: bytes, at: 8)
        guard dimensionCount >= 0, dimensionCount <= 6, bytes.count >= 12 + 8 * dimensionCount else { return false }
        if dimensionCount == 0 {
            guard bytes.count == 12 else { return false }
            out.append("{}")
            return true
        }
        let elementKind = ValueTextKind(binaryType: elementType)
        guard elementKind != .array, elementKind != .unknown else { return false }
        var needsBounds = false
        var hasEmptyDimension = false
        for dimension in 0..<dimensionCount {
            let size = Int(BigEndian.load(Int32.self, from: bytes, at: 12 + 8 * dimension))
            let lower = BigEndian.load(Int32.self, from: bytes, at: 16 + 8 * dimension)
            guard size >= 0 else { return false }
            needsBounds = needsBounds || lower != 1
            hasEmptyDimension = hasEmptyDimension || size == 0
        }
        var offset = 12 + 8 * dimensionCount
        if hasEmptyDimension {
            guard offset == bytes.count else { return false }
            out.append("{}")
            return true
        }
        if needsBounds {
            for dimension in 0..<dimensionCount {
                let size = Int64(BigEndian.load(Int32.self, from: bytes, at: 12 + 8 * dimension))
                let lower = Int64(BigEndian.load(Int32.self, from: bytes, at: 16 + 8 * dimension))
                out.append(UInt8(ascii: "["))
                appendInteger(lower, to: &out)
                out.append(UInt8(ascii: ":"))
                appendInteger(lower + size - 1, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "="))
        }
        guard appendLevel(0, of: dimensionCount, bytes: bytes, offset: &offset, kind: elementKind, to: &out, scratch: &scratch),
              offset == bytes.count else { return false }
        return true
    }

    /// Appends `{…}` for one dimension level (its size read from the header), recursing into the next.
    private func appendLevel(
        _ level: Int, of dimensionCount: Int, bytes: UnsafeRawBufferPointer, offset: inout Int, kind: ValueTextKind,
        to out: inout TextBuffer, scratch: inout TextBuffer
    ) -> Bool {
        out.append(UInt8(ascii: "{"))
        let size = Int(BigEndian.load(Int32.self, from: bytes, at: 12 + 8 * level))
        for index in 0..<size {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if level + 1 < dimensionCount {
                guard appendLevel(level + 1, of: dimensionCount, bytes: bytes, offset: &offset, kind: kind, to: &out, scratch: &scratch) else { return false }
                continue
            }
            guard bytes.count - offset >= 4 else { return false }
            let length = Int(BigEndian.load(Int32.self, from: bytes, at: offset))
            offset += 4
            if length == -1 {
                out.append("NULL")
                continue
            }
            guard length >= 0, bytes.count - offset >= length else { return false }
            let element = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
            offset += length
            scratch.removeAll()
            guard appendScalar(element, kind: kind, to: &scratch) else { return false }
            Self.appendQuotedIfNeeded(scratch.bytes, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    private func appendInteger(_ value: Int64, to out: inout TextBuffer) {
        let start = out.reserve(DecimalDigits.maximumSignedLength)
        out.advance(by: DecimalDigits.writeSigned(value, to: start))
    }

    /// Appends an element as `array_out` does: in double quotes, with `"` and `\` escaped, when it is empty,
    /// spells NULL in any case, or contains a quote, backslash, brace, comma or whitespace.
    static func appendQuotedIfNeeded(_ element: UnsafeRawBufferPointer, to out: inout TextBuffer) {
        var needsQuotes = element.isEmpty || ASCII.equalsIgnoringCase(element, "null")
        if !needsQuotes {
            for byte in element where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "{")
                || byte == UInt8(ascii: "}") || byte == UInt8(ascii: ",") || ASCII.isSpace(byte) {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else { return out.append(element) }
        out.append(UInt8(ascii: "\""))
        for byte in element {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
