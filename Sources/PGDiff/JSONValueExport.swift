import PGCatalog
import PGJSON

/// ``PGJSON/JSONValue``, the JSON form a change's values take, under the name it had when it lived
/// in this module: code that imports only PGDiff keeps naming it `JSONValue`.
public typealias JSONValue = PGJSON.JSONValue
