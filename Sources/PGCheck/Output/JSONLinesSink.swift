import PostgresWire

/// JSON Lines: one JSON object per row, keys in column order, one row per line.
///
/// Values keep their meaning: `smallint`, `integer`, `bigint`, `real`, `double precision` and `numeric`
/// become JSON numbers (digits exactly as the server printed them, so no precision is lost; `NaN` and
/// the infinities, which JSON cannot express, stay strings), `boolean` becomes `true`/`false`, NULL
/// becomes `null`, `json` and `jsonb` are embedded as JSON, and everything else is a string holding
/// the server's text output. Columns with the same name are written as they come (the object then
/// repeats the key), so nothing is silently dropped.
public final class JSONLinesSink: RowSink {
    /// How a column's values are written.
    enum Kind {
        case number, boolean, json, string

        init(type: PostgresOID) {
            switch type {
            case PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8,
                 PostgresTypeOID.float4, PostgresTypeOID.float8, PostgresTypeOID.numeric:
                self = .number
            case PostgresTypeOID.bool: self = .boolean
            case PostgresTypeOID.json, PostgresTypeOID.jsonb: self = .json
            default: self = .string
            }
        }
    }

    private let writer: OutputWriter
    /// The server's text of each value of the current result.
    private var renderer: ResultTextRenderer?
    private var kinds: [Kind] = []
    /// A string value's JSON encoding, reused value after value.
    private var encoded: [UInt8] = []
    /// `"name":` for each column, encoded once per result.
    private var keys: [[UInt8]] = []

    /// Creates a sink writing to `writer`.
    public init(writer: OutputWriter) { self.writer = writer }

    public func begin(_ columns: PostgresColumns) throws {
        renderer = ResultTextRenderer(columns: columns)
        kinds = (0..<columns.count).map { Kind(type: columns.typeOID(at: $0)) }
        keys = columns.names.map { name in
            var key: [UInt8] = []
            var copy = name
            copy.withUTF8 { JSONText.appendString(UnsafeRawBufferPointer($0), to: &key) }
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    public func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws {
        guard let renderer else { return }
        try writer.write(byte: UInt8(ascii: "{"))
        try row.forEachValue { index, bytes in
            if index > 0 { try writer.write(byte: UInt8(ascii: ",")) }
            try writer.write(keys[index])
            try renderer.withText(bytes, column: index) { text in
                try writeValue(text, kind: kinds[index])
            }
        }
        try writer.write(byte: UInt8(ascii: "}"))
        try writer.write(byte: UInt8(ascii: "\n"))
    }

    public func finish(_ summary: ResultSummary) throws {
        renderer = nil
    }

    private func writeValue(_ bytes: UnsafeRawBufferPointer?, kind: Kind) throws {
        guard let bytes else {
            try writer.write("null")
            return
        }
        switch kind {
        case .number where JSONText.isNumber(bytes):
            try writer.write(bytes)
        case .boolean where bytes.count == 1 && (bytes[0] == UInt8(ascii: "t") || bytes[0] == UInt8(ascii: "f")):
            try writer.write(bytes[0] == UInt8(ascii: "t") ? "true" : "false")
        case .json:
            try writeEmbeddedJSON(bytes)
        default:
            encoded.removeAll(keepingCapacity: true)
            JSONText.appendString(bytes, to: &encoded)
            try writer.write(encoded)
        }
    }

    /// The server only stores valid JSON, where a raw line break can only be whitespace between tokens
    /// (inside strings it must be escaped): turning those into spaces keeps the document on one line.
    private func writeEmbeddedJSON(_ bytes: UnsafeRawBufferPointer) throws {
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            try writer.write(byte: UInt8(ascii: " "))
            start = index + 1
        }
        try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    }
}

/// The few pieces of JSON text encoding the sinks need, done on bytes.
enum JSONText {
    /// Appends `bytes` (UTF-8) as a quoted JSON string: `"` and `\` escaped, control characters as
    /// `\n`, `\t`... or `\u00XX`; everything else, non-ASCII included, as it is.
    static func appendString(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends a Swift string as a quoted JSON string.
    static func appendString(_ string: String, to output: inout [UInt8]) {
        var copy = string
        copy.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &output) }
    }

    /// A quoted JSON string.
    static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        appendString(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `bytes` is a JSON number as it stands: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        func digits() -> Int {
            let start = index
            while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == count
    }
}
