/// A Swift value that can be sent as a parameter of the extended query protocol (`Parse` + `Bind`).
///
/// The statement's `Parse` carries ``postgresType`` for the parameter and `Bind` carries ``postgresFormat``
/// and the bytes ``encode(into:)`` appends. ``postgresParameterBytes()`` produces exactly what `Bind` sends.
public protocol PostgresEncodable: Sendable {
    /// The OID sent in `Parse` (0 lets the server infer the type from the statement, as for `String`).
    static var postgresType: PostgresOID { get }
    /// The format the value is sent in: binary where it is cheap and exact, text otherwise.
    var postgresFormat: PostgresFormat { get }
    /// Appends the value's bytes in ``postgresFormat`` (no length prefix).
    func encode(into buffer: inout [UInt8])
    /// Appends the value's binary representation, which an element of a binary array needs.
    ///
    /// The default calls ``encode(into:)``: right when ``postgresFormat`` is `.binary`, or when the type's text
    /// and binary forms are the same bytes (text, json). Types sent as text with another binary form override it.
    func encodeBinary(into buffer: inout [UInt8])
    /// Whether the value is SQL NULL (sent with length -1). Only `Optional.none` is.
    var isPostgresNull: Bool { get }
    /// The element OID written in the header of a binary array of this type. A binary array must name a
    /// concrete type, so types whose ``postgresType`` is 0 say here what their binary form is
    /// (`String`: `text`). The default is ``postgresType``.
    static var postgresArrayElementType: PostgresOID { get }
}

extension PostgresEncodable {
    /// Calls ``encode(into:)``.
    public func encodeBinary(into buffer: inout [UInt8]) { encode(into: &buffer) }

    /// False: only `Optional.none` is NULL.
    public var isPostgresNull: Bool { false }

    /// ``postgresType``.
    public static var postgresArrayElementType: PostgresOID { postgresType }

    /// The value's bytes as `Bind` sends them, or nil for SQL NULL.
    public func postgresParameterBytes() -> [UInt8]? {
        if isPostgresNull { return nil }
        var buffer: [UInt8] = []
        encode(into: &buffer)
        return buffer
    }

    /// The OID for `Parse`, available on an existential (`any PostgresEncodable`) too.
    public var postgresParameterType: PostgresOID { Self.postgresType }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's OID: a NULL parameter still has the parameter's type.
    public static var postgresType: PostgresOID { Wrapped.postgresType }

    /// The wrapped value's format; binary for NULL, whose format does not matter.
    public var postgresFormat: PostgresFormat { self?.postgresFormat ?? .binary }

    /// Appends the wrapped value's bytes; nothing for NULL (the length -1 says it all).
    public func encode(into buffer: inout [UInt8]) { self?.encode(into: &buffer) }

    /// Appends the wrapped value's binary bytes; nothing for NULL.
    public func encodeBinary(into buffer: inout [UInt8]) { self?.encodeBinary(into: &buffer) }

    /// The wrapped type's array element OID.
    public static var postgresArrayElementType: PostgresOID { Wrapped.postgresArrayElementType }

    /// True for `nil`.
    public var isPostgresNull: Bool {
        guard let wrapped = self else { return true }
        return wrapped.isPostgresNull
    }
}
