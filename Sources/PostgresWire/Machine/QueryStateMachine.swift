/// The response side of one query cycle (simple or extended), as a pure state machine.
///
/// It checks that the server's messages arrive in an order the protocol allows, remembers the first
/// error (the server keeps sending until ReadyForQuery), and tells the connection what each message
/// means. DataRow and CopyData take a fast path (``acceptDataRow()``, ``acceptCopyData()``) so rows are
/// never decoded into enum values.
struct QueryStateMachine {
    /// What a message means for the caller.
    enum Event: Equatable {
        /// Nothing for the caller (ParseComplete, BindComplete, ...).
        case wait
        /// Rows with these columns follow.
        case columns(RowDescription)
        /// A statement ended.
        case commandComplete(CommandComplete)
        /// The query string was empty.
        case emptyQuery
        /// COPY TO STDOUT started: CopyData messages follow.
        case copyOut(CopyResponse)
        /// The server wants COPY input, which pgcheck never sends: answer with CopyFail.
        case sendCopyFail
        /// A notice for the notice handler.
        case notice(PostgresNotice)
        /// A NOTIFY for this session.
        case notification(NotificationResponse)
        /// A run-time parameter changed (SET TimeZone ...).
        case parameterStatus(ParameterStatus)
        /// The statement's parameter types (after Describe Statement).
        case parameterDescription(ParameterDescription)
        /// The cycle is over; the session is in this transaction state.
        case done(TransactionStatus)
    }

    private enum State: Equatable {
        case awaitingResult
        case inRows
        case inCopyOut
        case copyOutDone
        case finished
    }

    private var state: State = .awaitingResult
    /// The first ErrorResponse of this cycle; the caller throws it once the server is ready again.
    private(set) var firstError: PostgresServerError?

    /// Whether the cycle is over.
    var isFinished: Bool { state == .finished }

    /// Checks that a DataRow may arrive now.
    mutating func acceptDataRow() throws {
        guard state == .inRows else {
            throw ClientError(.protocolViolation, "server sent a DataRow without a RowDescription before it")
        }
    }

    /// Checks that a CopyData may arrive now.
    mutating func acceptCopyData() throws {
        guard state == .inCopyOut else {
            throw ClientError(.protocolViolation, "server sent CopyData outside COPY OUT")
        }
    }

    /// Feeds one non-row message.
    mutating func receive(_ message: BackendMessage) throws -> Event {
        switch message {
        case .rowDescription(let description):
            state = .inRows
            return .columns(description)
        case .commandComplete(let complete):
            state = .awaitingResult
            return .commandComplete(complete)
        case .emptyQueryResponse:
            return .emptyQuery
        case .errorResponse(let fields):
            let error = PostgresServerError(fields: fields, phase: .query)
            if error.isFatal { throw error }
            if firstError == nil { firstError = error }
            state = .awaitingResult
            return .wait
        case .readyForQuery(let ready):
            state = .finished
            return .done(ready.status)
        case .copyOutResponse(let response):
            state = .inCopyOut
            return .copyOut(response)
        case .copyDone:
            guard state == .inCopyOut else {
                throw ClientError(.protocolViolation, "server sent CopyDone outside COPY OUT")
            }
            state = .copyOutDone
            return .wait
        case .copyInResponse, .copyBothResponse:
            return .sendCopyFail
        case .noticeResponse(let fields):
            return .notice(PostgresNotice(fields: fields))
        case .notificationResponse(let notification):
            return .notification(notification)
        case .parameterStatus(let status):
            return .parameterStatus(status)
        case .parameterDescription(let description):
            return .parameterDescription(description)
        case .parseComplete, .bindComplete, .closeComplete, .portalSuspended:
            return .wait
        case .noData:
            state = .awaitingResult
            return .wait
        case .dataRow:
            try acceptDataRow()
            return .wait
        case .copyData:
            try acceptCopyData()
            return .wait
        case .authentication, .backendKeyData, .negotiateProtocolVersion:
            throw ClientError(.protocolViolation, "server sent \(message.kindName) in the middle of a query")
        }
    }
}
