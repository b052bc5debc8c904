/// A PostgreSQL object identifier; in this module, the OID of a data type (`pg_type.oid`).
public typealias PostgresOID = UInt32

/// The wire format of a parameter or result value: the type's text form or its binary `send`/`recv` form.
public enum PostgresFormat: Int16, Sendable, Codable {
    /// The text the type's output function prints (what psql shows).
    case text = 0
    /// The type's binary send/receive representation (big-endian, fixed layouts).
    case binary = 1
}

/// Well-known type OIDs, fixed in `pg_type.dat` since the types were introduced, so they never need a catalog lookup.
public enum PostgresTypeOID {
    /// `bool`
    public static let bool: PostgresOID = 16
    /// `bytea`
    public static let bytea: PostgresOID = 17
    /// `"char"`, the single-byte internal type (not `char(n)`, which is `bpchar`).
    public static let char: PostgresOID = 18
    /// `name`, the 63-byte identifier type of the catalogs.
    public static let name: PostgresOID = 19
    /// `int8` / `bigint`
    public static let int8: PostgresOID = 20
    /// `int2` / `smallint`
    public static let int2: PostgresOID = 21
    /// `int4` / `integer`
    public static let int4: PostgresOID = 23
    /// `text`
    public static let text: PostgresOID = 25
    /// `oid`
    public static let oid: PostgresOID = 26
    /// `json`
    public static let json: PostgresOID = 114
    /// `float4` / `real`
    public static let float4: PostgresOID = 700
    /// `float8` / `double precision`
    public static let float8: PostgresOID = 701
    /// `unknown`, the type of an untyped literal such as `SELECT 'a'`.
    public static let unknown: PostgresOID = 705
    /// `bpchar` / `char(n)`
    public static let bpchar: PostgresOID = 1042
    /// `varchar`
    public static let varchar: PostgresOID = 1043
    /// `date`
    public static let date: PostgresOID = 1082
    /// `time` (without time zone)
    public static let time: PostgresOID = 1083
    /// `timestamp` (without time zone)
    public static let timestamp: PostgresOID = 1114
    /// `timestamptz` / `timestamp with time zone`
    public static let timestamptz: PostgresOID = 1184
    /// `interval`
    public static let interval: PostgresOID = 1186
    /// `numeric` / `decimal`
    public static let numeric: PostgresOID = 1700
    /// `uuid`
    public static let uuid: PostgresOID = 2950
    /// `jsonb`
    public static let jsonb: PostgresOID = 3802

    /// `bool[]`
    public static let boolArray: PostgresOID = 1000
    /// `bytea[]`
    public static let byteaArray: PostgresOID = 1001
    /// `"char"[]`
    public static let charArray: PostgresOID = 1002
    /// `name[]`
    public static let nameArray: PostgresOID = 1003
    /// `int2[]`
    public static let int2Array: PostgresOID = 1005
    /// `int4[]`
    public static let int4Array: PostgresOID = 1007
    /// `text[]`
    public static let textArray: PostgresOID = 1009
    /// `bpchar[]`
    public static let bpcharArray: PostgresOID = 1014
    /// `varchar[]`
    public static let varcharArray: PostgresOID = 1015
    /// `int8[]`
    public static let int8Array: PostgresOID = 1016
    /// `float4[]`
    public static let float4Array: PostgresOID = 1021
    /// `float8[]`
    public static let float8Array: PostgresOID = 1022
    /// `oid[]`
    public static let oidArray: PostgresOID = 1028
    /// `date[]`
    public static let dateArray: PostgresOID = 1182
    /// `time[]`
    public static let timeArray: PostgresOID = 1183
    /// `timestamp[]`
    public static let timestampArray: PostgresOID = 1115
    /// `timestamptz[]`
    public static let timestamptzArray: PostgresOID = 1185
    /// `interval[]`
    public static let intervalArray: PostgresOID = 1187
    /// `numeric[]`
    public static let numericArray: PostgresOID = 1231
    /// `uuid[]`
    public static let uuidArray: PostgresOID = 2951
    /// `json[]`
    public static let jsonArray: PostgresOID = 199
    /// `jsonb[]`
    public static let jsonbArray: PostgresOID = 3807

    /// One row per well-known type: its OID, its array type's OID and its `pg_type.typname`.
    private static let table: [(element: PostgresOID, array: PostgresOID, name: String)] = [
        (bool, boolArray, "bool"), (bytea, byteaArray, "bytea"), (char, charArray, "char"),
        (name, nameArray, "name"), (int8, int8Array, "int8"), (int2, int2Array, "int2"),
        (int4, int4Array, "int4"), (text, textArray, "text"), (oid, oidArray, "oid"),
        (json, jsonArray, "json"), (float4, float4Array, "float4"), (float8, float8Array, "float8"),
        (bpchar, bpcharArray, "bpchar"), (varchar, varcharArray, "varchar"),
        (date, dateArray, "date"), (time, timeArray, "time"), (timestamp, timestampArray, "timestamp"),
        (timestamptz, timestamptzArray, "timestamptz"), (interval, intervalArray, "interval"),
        (numeric, numericArray, "numeric"), (uuid, uuidArray, "uuid"), (jsonb, jsonbArray, "jsonb"),
    ]

    /// The OID of the array type whose elements are `element` (`int4` → `int4[]`), for the well-known types.
    public static func arrayOID(forElement element: PostgresOID) -> PostgresOID? {
        table.first { $0.element == element }?.array
    }

    /// The OID of the element type of the array type `array` (`int4[]` → `int4`), for the well-known types.
    public static func elementOID(forArray array: PostgresOID) -> PostgresOID? {
        table.first { $0.array == array }?.element
    }

    /// The type's `pg_type.typname` (`int4`, `timestamptz`), array types written `int4[]`; nil for an OID not listed here.
    public static func name(of oid: PostgresOID) -> String? {
        if oid == unknown { return "unknown" }
        if let row = table.first(where: { $0.element == oid }) { return row.name }
        if let row = table.first(where: { $0.array == oid }) { return row.name + "[]" }
        return nil
    }

    /// The name for messages: the known name, else `OID 12345`.
    static func displayName(of oid: PostgresOID) -> String {
        if oid == 0 { return "unspecified type" }
        return name(of: oid) ?? "OID \(oid)"
    }

    /// Whether values of `oid` are plain text whose binary form is the same UTF-8 bytes as the text form.
    static func isTextLike(_ oid: PostgresOID) -> Bool {
        switch oid {
        case text, varchar, bpchar, name, unknown: return true
        default: return false
        }
    }
}
