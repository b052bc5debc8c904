/// A coding key made up on the spot: an array index, a `super` key, or a key read from JSON.
struct JSONCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(stringValue: String, intValue: Int?) {
        self.stringValue = stringValue
        self.intValue = intValue
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }

    /// An array element's key, spelled as Foundation's JSON coders spell it (`Index 3`).
    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    /// The key a keyed container's `superEncoder()` / `superDecoder()` uses.
    static let `super` = JSONCodingKey(stringValue: "super")
}

/// One step of a coding path, kept cheap until someone asks for the path: an array position stays an
/// `Int` instead of becoming a key (with its `Index n` text) for every element encoded or decoded.
enum JSONCodingPathComponent {
    case key(any CodingKey)
    case index(Int)
    /// A member of a `[String: …]` dictionary, keyed as the standard library keys it (a key that
    /// reads as an integer has that `intValue`).
    case dictionaryKey(String)

    var codingKey: any CodingKey {
        switch self {
        case .key(let key): return key
        case .index(let index): return JSONCodingKey(index: index)
        case .dictionaryKey(let name): return JSONCodingKey(stringValue: name, intValue: Int(name))
        }
    }
}
