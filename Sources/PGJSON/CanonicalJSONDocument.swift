import Foundation

/// The JSON documents pgcheck writes (snapshots, diffs, reports, descriptions): pretty-printed, keys
/// sorted by their UTF-8 bytes, slashes not escaped, a trailing newline. Equal values give equal bytes,
/// and `diff -u` of two documents stays readable.
///
/// The bytes are exactly `JSONEncoder`'s with ``encoder()``'s options, plus the newline; they are written
/// from the value's ``JSONValue`` tree when that gives the same bytes (several times faster), else by
/// `JSONEncoder` itself.
public enum CanonicalJSONDocument {
    /// The encoder whose bytes these documents are.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// `value`'s document, ending in a newline.
    public static func data(of value: some Encodable) throws -> Data {
        do {
            if let tree = try JSONFastPaths.exactTree(of: value) {
                return try CanonicalJSONWriter.data(of: tree, style: .pretty, trailingNewline: true)
            }
        } catch is CanonicalJSONWriter.Unwritable {
            // JSONEncoder says why, in its own words.
        }
        var data = try encoder().encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// `value`'s document as text, ending in a newline.
    public static func text(of value: some Encodable) throws -> String {
        String(decoding: try data(of: value), as: UTF8.self)
    }
}
