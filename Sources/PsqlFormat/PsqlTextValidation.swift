/// psql's last step before printing any header or cell (`mbvalidate`): characters its UTF-8 check
/// rejects are dropped, not printed. Text from the server is valid UTF-8, so in practice this only ever
/// removes the noncharacters U+1FFFE/U+1FFFF … U+10FFFE/U+10FFFF, which psql's check refuses.
/// Titles and footers are not checked: psql prints them as they are.
public enum PsqlTextValidation {
    /// Whether `value` is a code point psql drops.
    @inlinable @inline(__always) public static func isDropped(_ value: UInt32) -> Bool {
        value >= 0x1_0000 && value & 0xFFFE == 0xFFFE
    }

    /// Lends `bytes` to `body` with the dropped characters removed (no copy when there are none,
    /// which is every value but the rarest).
    ///
    /// Inlinable so a sink writing millions of fields calls `body` directly.
    @inlinable public static func withValidated<R>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let first = firstDropped(in: bytes) else { return try body(bytes) }
        return try kept(bytes, from: first).withUnsafeBytes { try body($0) }
    }

    /// The byte length of the UTF-8 sequence that starts with `lead`, as psql counts it (`pg_utf_mblen`).
    @inline(__always) static func sequenceLength(_ lead: UInt8) -> Int {
        if lead & 0x80 == 0 { return 1 }
        if lead & 0xE0 == 0xC0 { return 2 }
        if lead & 0xF0 == 0xE0 { return 3 }
        if lead & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    /// Decodes the four-byte sequence at `index`.
    @inline(__always) static func scalar4(_ bytes: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        (UInt32(bytes[index] & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
            | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
    }

    /// Where the first dropped character starts, nil when there is none.
    @usableFromInline static func firstDropped(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0xF0 {
                index += 1
                continue
            }
            if sequenceLength(lead) == 4, index + 4 <= bytes.count, isDropped(scalar4(bytes, at: index)) { return index }
            index += 1
        }
        return nil
    }

    /// `bytes` without the dropped characters, the first of which starts at `first`.
    @usableFromInline static func kept(_ bytes: UnsafeRawBufferPointer, from first: Int) -> [UInt8] {
        var kept = Array(bytes[..<first])
        var index = first
        while index < bytes.count {
            let length = sequenceLength(bytes[index])
            if length == 4, index + 4 <= bytes.count, isDropped(scalar4(bytes, at: index)) {
                index += 4
                continue
            }
            let end = min(index + length, bytes.count)
            kept.append(contentsOf: bytes[index..<end])
            index = end
        }
        return kept
    }
}
