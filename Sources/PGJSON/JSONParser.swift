/// A strict JSON (RFC 8259) parser into a ``JSONTape``, for reading snapshots fast.
///
/// Integers without a fraction or an exponent that fit 64 bits are exact integers; every other number
/// is a `Double`. It accepts a subset of what `JSONDecoder` accepts and reads it the same way, and
/// refuses, with a ``JSONParser/Failure``, anything that `JSONDecoder` might read differently or
/// refuse: invalid UTF-8, a byte-order mark, unpaired surrogate escapes, controls in strings, duplicate
/// keys (`JSONDecoder` keeps the first; keys that differ only in Unicode normalization count as
/// duplicates), numbers a `Double` cannot hold, nesting 512 deep. A caller that must behave exactly
/// like `JSONDecoder` falls back to it on a failure.
struct JSONParser {
    /// Why the bytes were refused, and where.
    struct Failure: Error, Equatable {
        let offset: Int
        let reason: String
    }

    /// `JSONDecoder`'s nesting limit.
    static let maximumNesting = 512

    /// The JSON text `bytes` (surrounding whitespace allowed), parsed.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONTape {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let root = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("unexpected text after the value") }
        parser.nodes.append(root)
        parser.keys.append("")
        return JSONTape(nodes: parser.nodes, keys: parser.keys, root: parser.nodes.count - 1)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Scratch space for strings with escapes, reused.
    private var unescaped: [UInt8] = []
    /// The finished containers' members and elements, each container's together.
    private var nodes: [JSONTape.Node] = []
    private var keys: [String] = []
    /// Members and elements of the containers still being parsed, innermost last (with an empty key
    /// for an element): a container's block moves to `nodes` when it closes.
    private var pendingNodes: [JSONTape.Node] = []
    private var pendingKeys: [String] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func failure(_ reason: String) -> Failure {
        Failure(offset: position, reason: reason)
    }

    private var current: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws -> JSONTape.Node {
        guard let byte = current else { throw failure("the text ends where a value should start") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw failure("invalid literal") }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] {
            throw failure("invalid literal")
        }
        position += count
    }

    private mutating func parseObject(depth: Int) throws -> JSONTape.Node {
        guard depth <= Self.maximumNesting else { throw failure("nested too deep") }
        position += 1
        skipWhitespace()
        let start = pendingNodes.count
        if current == UInt8(ascii: "}") {
            position += 1
            return closeContainer(from: start, object: true)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            pendingNodes.append(value)
            pendingKeys.append(key)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ",")?:
                position += 1
                skipWhitespace()
            case UInt8(ascii: "}")?:
                position += 1
                guard !hasDuplicateKeys(from: start) else { throw failure("duplicate key") }
                return closeContainer(from: start, object: true)
            default:
                throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONTape.Node {
        guard depth <= Self.maximumNesting else { throw failure("nested too deep") }
        position += 1
        skipWhitespace()
        let start = pendingNodes.count
        if current == UInt8(ascii: "]") {
            position += 1
            return closeContainer(from: start, object: false)
        }
        while true {
            let value = try parseValue(depth: depth)
            pendingNodes.append(value)
            pendingKeys.append("")
            skipWhitespace()
            switch current {
            case UInt8(ascii: ",")?:
                position += 1
                skipWhitespace()
            case UInt8(ascii: "]")?:
                position += 1
                return closeContainer(from: start, object: false)
            default:
                throw failure("expected ',' or ']'")
            }
        }
    }

    /// Moves the members or elements pending since `start` to their final place.
    private mutating func closeContainer(from start: Int, object: Bool) -> JSONTape.Node {
        let first = nodes.count
        let count = pendingNodes.count - start
        nodes.append(contentsOf: pendingNodes[start...])
        keys.append(contentsOf: pendingKeys[start...])
        pendingNodes.removeSubrange(start...)
        pendingKeys.removeSubrange(start...)
        return object ? .object(first: first, count: count) : .array(first: first, count: count)
    }

    /// Whether two of the keys pending since `start` are equal as Swift strings (so also when they
    /// differ only in Unicode normalization).
    private func hasDuplicateKeys(from start: Int) -> Bool {
        let count = pendingKeys.count - start
        guard count > 1 else { return false }
        if count <= 16 {
            for later in start + 1..<pendingKeys.count {
                for earlier in start..<later where pendingKeys[earlier] == pendingKeys[later] { return true }
            }
            return false
        }
        return Set(pendingKeys[start...]).count != count
    }

    /// A string starting at the opening quote.
    private mutating func parseString() throws -> String {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = try makeString(UnsafeBufferPointer(rebasing: bytes[start..<position]))
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            guard byte >= 0x20 else { throw failure("control character in a string") }
            position += 1
        }
        throw failure("unterminated string")
    }

    /// The rest of a string that has escapes, from its first byte at `start`.
    private mutating func parseEscapedString(from start: Int) throws -> String {
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try unescaped.withUnsafeBufferPointer { try makeString($0) }
            case UInt8(ascii: "\\"):
                position += 1
                try appendEscape()
            default:
                guard byte >= 0x20 else { throw failure("control character in a string") }
                unescaped.append(byte)
                position += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func appendEscape() throws {
        do {
            position = try JSONEscape.decode(bytes, at: position, into: &unescaped)
        } catch {
            switch error {
            case .unterminated: throw failure("unterminated escape")
            case .invalid: throw failure("invalid escape")
            case .unpairedSurrogate: throw failure("unpaired surrogate")
            }
        }
    }

    /// The string of `utf8`, which must be valid UTF-8 (`String(decoding:)` would repair it instead).
    private func makeString(_ utf8: UnsafeBufferPointer<UInt8>) throws -> String {
        let text = String(decoding: utf8, as: UTF8.self)
        // Repair changes the bytes; ASCII (nearly every string of a snapshot) needs no check.
        if !Self.isASCII(utf8), !text.utf8.elementsEqual(utf8) { throw failure("invalid UTF-8") }
        return text
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        return combined < 0x80
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws -> JSONTape.Node {
        let start = position
        let negative = current == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let first = current, isDigit(first) else { throw failure("invalid number") }
        var magnitude: UInt64 = 0
        var overflow = false
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            while let byte = current, isDigit(byte) {
                let (scaled, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = scaled.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                overflow = overflow || overflow1 || overflow2
                magnitude = sum
                position += 1
            }
        }
        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            position += 1
            try skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            try skipDigits()
        }
        if integral, !overflow {
            if negative, magnitude <= UInt64(Int64.max) + 1 { return .integer(Int64(truncatingIfNeeded: 0 &- magnitude)) }
            if !negative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let double = Double(text), double.isFinite, double != 0 || !hasNonZeroDigit(text) else {
            throw failure("number out of range")
        }
        return .number(double)
    }

    private mutating func skipDigits() throws {
        guard let byte = current, isDigit(byte) else { throw failure("invalid number") }
        while let byte = current, isDigit(byte) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether the mantissa has a non-zero digit (a number that underflowed to zero, which
    /// `JSONDecoder` refuses).
    private func hasNonZeroDigit(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return false }
            if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") { return true }
        }
        return false
    }
}
