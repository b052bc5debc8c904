import Foundation

/// The fast paths between `Codable` values and JSON text that give exactly what Foundation's
/// `JSONEncoder` and `JSONDecoder` give, for the values they can be sure of.
///
/// Each path declines (returns nil) rather than guess; the caller then takes Foundation's path, which
/// gives the same result and words its own errors:
///
/// ```swift
/// if let tree = try JSONFastPaths.exactTree(of: value) {
///     return try CanonicalJSONWriter.data(of: tree, style: .pretty, trailingNewline: true)
/// }
/// return try encoder.encode(value)      // JSONEncoder with .sortedKeys, .withoutEscapingSlashes
/// ```
public enum JSONFastPaths {
    /// The ``JSONValue`` tree of `value`, or nil when ``CanonicalJSONWriter`` could not write
    /// `JSONEncoder`'s exact bytes from it (a number whose text would change, a NaN, nesting 512 deep,
    /// a top level that encodes nothing).
    ///
    /// - Throws: what `value`'s own `encode(to:)` throws.
    public static func exactTree(of value: some Encodable) throws -> JSONValue? {
        do {
            let (tree, context) = try JSONTreeEncoder.tree(of: value)
            return context.numberTextDiffers ? nil : tree
        } catch is JSONTreeEncoder.Unrepresentable {
            return nil
        }
    }

    /// A `T` decoded from the JSON text `data` through ``JSONParser`` and its tape, or nil for anything
    /// this strict path declines: text the parser refuses (duplicate keys, invalid UTF-8, …), or values
    /// whose reading by `JSONDecoder` it cannot be sure of.
    public static func decodeStrictly<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        let parsed = data.withUnsafeBytes { raw in
            try? JSONParser.parse(raw.assumingMemoryBound(to: UInt8.self))
        }
        guard let tape = parsed else { return nil }
        return try? JSONTapeDecoder.decode(type, from: tape)
    }
}
