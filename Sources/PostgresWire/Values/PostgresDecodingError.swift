import PGSupport

/// A value could not be decoded into the Swift type asked for.
///
/// The description names the Swift type, the PostgreSQL type (name and OID), the wire format and the
/// reason, e.g. `cannot decode int4 (OID 23, binary) as Int16: value 70000 does not fit in Int16`.
/// Payloads are never dumped: at most a short, truncated preview appears in the reason.
public struct PostgresDecodingError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The Swift type that was asked for, e.g. `Int16` or `Array<Optional<String>>`.
    public var swiftType: String
    /// The PostgreSQL type OID of the value, as the server described the column.
    public var postgresType: PostgresOID
    /// The format the value arrived in.
    public var format: PostgresFormat
    /// Why it failed, e.g. `expected 8 bytes, got 3`.
    public var reason: String

    /// Creates an error; `swiftType` is the name of the requested Swift type.
    public init(swiftType: String, postgresType: PostgresOID, format: PostgresFormat, reason: String) {
        self.swiftType = swiftType
        self.postgresType = postgresType
        self.format = format
        self.reason = reason
    }

    /// Creates an error for the Swift type `type`.
    init<T>(_ type: T.Type, _ postgresType: PostgresOID, _ format: PostgresFormat, _ reason: String) {
        self.init(swiftType: String(describing: type), postgresType: postgresType, format: format, reason: reason)
    }

    /// One line: `cannot decode <type> (OID n, format) as <Swift type>: <reason>`.
    public var description: String {
        let formatName = format == .binary ? "binary" : "text"
        let source = PostgresTypeOID.name(of: postgresType).map { "\($0) (OID \(postgresType), \(formatName))" }
            ?? "OID \(postgresType) (\(formatName))"
        return "cannot decode \(source) as \(swiftType): \(reason)"
    }

    /// The reason for a payload of the wrong size.
    static func lengthReason(expected: Int, got: Int) -> String {
        "expected \(expected) byte\(expected == 1 ? "" : "s"), got \(got)"
    }

    /// The reason for a value whose PostgreSQL type cannot become the requested Swift type.
    static func typeReason(accepted: [PostgresOID]) -> String {
        let names = accepted.map { PostgresTypeOID.name(of: $0) ?? "OID \($0)" }
        return "the value's type is not one this Swift type decodes (it decodes \(names.joined(separator: ", ")))"
    }

    /// A short quoted preview of a payload for messages: at most 40 bytes, then `…` and the total size.
    static func preview(_ bytes: UnsafeRawBufferPointer) -> String {
        let limit = 40
        let shown = String(decoding: UnsafeRawBufferPointer(rebasing: bytes.prefix(limit)), as: UTF8.self)
        let printable = shown.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined()
        return bytes.count > limit ? "\"\(printable)…\" (\(bytes.count) bytes)" : "\"\(printable)\""
    }
}

extension PostgresDecodingError: ClassifiedError {
    /// A value asked for as a Swift type it cannot be: the caller's request, bad input.
    public var failureKind: FailureKind { .badInput }
}
