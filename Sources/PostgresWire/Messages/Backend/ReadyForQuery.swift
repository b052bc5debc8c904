/// The transaction state the server reports in ReadyForQuery.
public enum TransactionStatus: UInt8, Sendable, Equatable {
    /// Not in a transaction block.
    case idle = 0x49 // "I"
    /// In a transaction block.
    case inTransaction = 0x54 // "T"
    /// In a failed transaction block: queries are rejected until it ends.
    case failed = 0x45 // "E"
}

/// ReadyForQuery ('Z'): the server finished the previous request and waits for the next.
public struct ReadyForQuery: Sendable, Equatable {
    /// The transaction state.
    public var status: TransactionStatus

    /// Creates the message.
    public init(status: TransactionStatus) { self.status = status }

    static func decode(_ reader: inout MessageReader) throws -> ReadyForQuery {
        let byte = try reader.readUInt8()
        guard let status = TransactionStatus(rawValue: byte) else {
            throw ClientError(.protocolViolation, "ReadyForQuery has an unknown transaction status byte \(byte)")
        }
        try reader.expectEnd()
        return ReadyForQuery(status: status)
    }
}
