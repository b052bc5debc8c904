import Foundation

/// Writes a ``JSONValue`` as the exact bytes Foundation's `JSONEncoder` writes for it with
/// `.sortedKeys` and `.withoutEscapingSlashes`, pretty-printed (`.prettyPrinted`) or compact.
///
/// Foundation's rules, kept byte for byte:
/// - keys sorted by their UTF-8 bytes (so `B` < `a` < `a10` < `a9` < `a_b` < `ab` < `é`);
/// - pretty: two spaces per level, `"key" : value`, one member or element per line, and an empty
///   object or array written as its brackets on two lines with an empty line between;
/// - strings: `"` and `\` escaped, `\b \f \n \r \t` for those controls, `\u00XX` (lowercase hex) for
///   the other controls below U+0020, everything else (DEL, U+2028, non-ASCII) as its UTF-8 bytes;
/// - integers in decimal, other numbers as their Swift `description` without a trailing `.0`;
/// - a NaN or an infinity, or containers nested 512 deep, cannot be written (``Unwritable``).
public struct CanonicalJSONWriter: ~Copyable {
    /// Layout of the output.
    public enum Style: Sendable {
        /// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`.
        case pretty
        /// `[.sortedKeys, .withoutEscapingSlashes]`.
        case compact
    }

    /// The value holds a number or a nesting JSON text cannot express; `JSONEncoder` throws for it.
    public struct Unwritable: Error {}

    /// The bytes of `value`.
    public static func bytes(of value: JSONValue, style: Style) throws -> [UInt8] {
        var writer = CanonicalJSONWriter(pretty: style == .pretty)
        try writer.write(value, depth: 0)
        return writer.output.withBytes { Array($0) }
    }

    /// The bytes of `value` as `Data`, with a newline after them when `trailingNewline`, handed over
    /// without a copy.
    public static func data(of value: JSONValue, style: Style, trailingNewline: Bool) throws -> Data {
        var writer = CanonicalJSONWriter(pretty: style == .pretty)
        try writer.write(value, depth: 0)
        if trailingNewline { writer.output.append(UInt8(ascii: "\n")) }
        return writer.output.takeData()
    }

    /// ``data(of:style:trailingNewline:)`` for an object some of whose members' values were written
    /// already, by ``bytes(ofMemberValue:level:style:rendered:)`` (on other threads, say): member `key`
    /// of `value` is written as `rendered[key]` wherever it falls in key order, whatever `value` holds for it.
    public static func data(
        of value: JSONValue, style: Style, trailingNewline: Bool, rendered: [String: [UInt8]]
    ) throws -> Data {
        var writer = CanonicalJSONWriter(pretty: style == .pretty)
        writer.rendered = rendered
        writer.renderedLevel = 1
        try writer.write(value, depth: 0)
        if trailingNewline { writer.output.append(UInt8(ascii: "\n")) }
        return writer.output.takeData()
    }

    /// The bytes of `value` written as the value of a member `level` objects deep (1: a member of the
    /// top-level object), indented to match, to be handed to the writer of the enclosing object as a
    /// `rendered` value. If `value` is an object, its members named in `rendered` are written as those
    /// bytes (written for `level + 1`).
    public static func bytes(
        ofMemberValue value: JSONValue, level: Int, style: Style, rendered: [String: [UInt8]] = [:]
    ) throws -> [UInt8] {
        var writer = CanonicalJSONWriter(pretty: style == .pretty)
        writer.indentation = level
        writer.rendered = rendered
        writer.renderedLevel = level + 1
        try writer.write(value, depth: level)
        return writer.output.withBytes { Array($0) }
    }

    /// The text of a number as it is written, or nil for anything but a finite number.
    static func numberText(of value: JSONValue) -> String? {
        switch value {
        case .integer(let integer): return String(integer)
        case .number(let number) where number.isFinite: return JSONNumberText.text(of: number)
        default: return nil
        }
    }

    private let pretty: Bool
    private var output = JSONByteBuffer()
    private var indentation = 0
    /// Member values written beforehand, by key, for the object at nesting `renderedLevel`.
    private var rendered: [String: [UInt8]] = [:]
    private var renderedLevel = 0

    private init(pretty: Bool) {
        self.pretty = pretty
    }

    private mutating func write(_ value: JSONValue, depth: Int) throws {
        switch value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .integer(let integer): appendInteger(integer)
        case .number(let number):
            guard number.isFinite else { throw Unwritable() }
            output.append(JSONNumberText.text(of: number))
        case .string(let text): appendString(text)
        case .array(let elements): try writeArray(elements, depth: depth + 1)
        case .object(let members): try writeObject(members, depth: depth + 1)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue], depth: Int) throws {
        guard depth < JSONTreeEncoder.maximumNesting else { throw Unwritable() }
        openContainer(with: UInt8(ascii: "["))
        for (offset, element) in elements.enumerated() {
            startItem(first: offset == 0)
            try write(element, depth: depth)
        }
        closeContainer(with: UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [String: JSONValue], depth: Int) throws {
        guard depth < JSONTreeEncoder.maximumNesting else { throw Unwritable() }
        openContainer(with: UInt8(ascii: "{"))
        // The members' positions in the dictionary, in key order, on the stack for a small object.
        try withUnsafeTemporaryAllocation(of: (prefix: UInt64, index: Dictionary<String, JSONValue>.Index).self, capacity: members.count) { buffer in
            var order = buffer
            var position = order.baseAddress.unsafelyUnwrapped
            for index in members.indices {
                position.initialize(to: (Self.utf8Prefix(members.keys[index]), index))
                position += 1
            }
            order.sort { lhs, rhs in
                lhs.prefix != rhs.prefix ? lhs.prefix < rhs.prefix : Self.utf8Precedes(members.keys[lhs.index], members.keys[rhs.index])
            }
            for (offset, entry) in order.enumerated() {
                let member = members[entry.index]
                startItem(first: offset == 0)
                appendString(member.key)
                if pretty { output.append(" : ") } else { output.append(UInt8(ascii: ":")) }
                if depth == renderedLevel, let bytes = rendered[member.key] {
                    bytes.withUnsafeBufferPointer { output.append($0) }
                } else {
                    try write(member.value, depth: depth)
                }
            }
            order.deinitialize()
        }
        closeContainer(with: UInt8(ascii: "}"))
    }

    private mutating func openContainer(with bracket: UInt8) {
        output.append(bracket)
        if pretty {
            output.append(UInt8(ascii: "\n"))
            indentation += 1
        }
    }

    /// The separator before a member or element, and its indentation.
    private mutating func startItem(first: Bool) {
        if !first { output.append(UInt8(ascii: ",")) }
        if pretty {
            if !first { output.append(UInt8(ascii: "\n")) }
            output.appendSpaces(2 * indentation)
        }
    }

    /// Foundation closes every pretty container on a new line, an empty one included (`{`, empty line, `}`).
    private mutating func closeContainer(with bracket: UInt8) {
        if pretty {
            output.append(UInt8(ascii: "\n"))
            indentation -= 1
            output.appendSpaces(2 * indentation)
        }
        output.append(bracket)
    }

    private mutating func appendInteger(_ value: Int64) {
        if value >= 0 && value < 10 {
            output.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            output.append(String(value))
        }
    }

    private mutating func appendString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(for: byte)
                runStart = index + 1
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(for byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            let digits: StaticString = "0123456789abcdef"
            output.append("u00")
            output.append(digits.utf8Start[Int(byte >> 4)])
            output.append(digits.utf8Start[Int(byte & 0x0F)])
        }
    }

    /// The first eight UTF-8 bytes of `key`, big-endian, zero-padded: ordered as the bytes are, so that
    /// most keys compare as one integer and only ties need their bytes.
    static func utf8Prefix(_ key: String) -> UInt64 {
        var prefix: UInt64 = 0
        var count = 0
        for byte in key.utf8 {
            prefix = prefix << 8 | UInt64(byte)
            count += 1
            if count == 8 { return prefix }
        }
        return count == 0 ? 0 : prefix << (8 * UInt64(8 - count))
    }

    /// Foundation's key order: lexicographic by UTF-8 bytes.
    static func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                for index in 0..<common where left[index] != right[index] {
                    return left[index] < right[index]
                }
                return left.count < right.count
            }
        }
    }
}
