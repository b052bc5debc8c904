extension PostgresConnection {
    /// Reads one request cycle's responses up to ReadyForQuery, streaming rows and COPY data.
    /// Results' binary values render as text under `textSettings` (``PostgresColumns/textSettings``).
    ///
    /// Rows are indexed in place and lent to `onRow`; no message is decoded into an enum on that
    /// path. A closure that throws stops further deliveries, but the cycle is still read to its end
    /// so the connection stays usable, and the closure's error is thrown then. A server error is
    /// thrown after ReadyForQuery too; a FATAL one, a protocol violation or a lost connection are
    /// thrown at once and close the connection.
    func readCycle(
        textSettings: ServerTextSettings = .assumed,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void = { _ in },
        onCopyData: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        onParameters: (ParameterDescription) -> Void = { _ in },
        onStatementEnd: (StatementOutcome) throws -> Void = { _ in }
    ) throws {
        var machine = QueryStateMachine()
        var columns: PostgresColumns?
        // The same columns without reference counting, for the row path: `columns` keeps them alive.
        var rowShape: PostgresColumns.RowShape?
        var rowCount = 0
        var callbackError: (any Error)?
        do {
            while true {
                let frame = try nextFrame()
                if frame.type == BackendMessageType.dataRow {
                    try machine.acceptDataRow()
                    guard columns != nil, let rowShape else {
                        throw ClientError(.protocolViolation, "server sent a DataRow before describing the columns")
                    }
                    try rowIndex.index(frame.body, expectedCount: rowShape.count)
                    rowCount += 1
                    if callbackError == nil {
                        do { try onRow(PostgresRow(body: frame.body, index: rowIndex, shape: rowShape)) } catch { callbackError = error }
                    }
                    consume(frame)
                    continue
                }
                if frame.type == BackendMessageType.copyData {
                    try machine.acceptCopyData()
                    if callbackError == nil {
                        do { try onCopyData(frame.body) } catch { callbackError = error }
                    }
                    consume(frame)
                    continue
                }
                let message = try BackendMessage.decode(type: frame.type, body: frame.body)
                consume(frame)
                switch try machine.receive(message) {
                case .wait, .copyOut:
                    break
                case .parameterDescription(let description):
                    onParameters(description)
                case .columns(let description):
                    let newColumns = PostgresColumns(description, textSettings: textSettings)
                    columns = newColumns
                    rowShape = newColumns.rowShape
                    rowCount = 0
                    if callbackError == nil {
                        do { try onColumns(newColumns) } catch { callbackError = error }
                    }
                case .commandComplete(let complete):
                    let outcome = StatementOutcome(commandTag: complete.tag, rowCount: rowCount)
                    columns = nil
                    rowShape = nil
                    rowCount = 0
                    if callbackError == nil {
                        do { try onStatementEnd(outcome) } catch { callbackError = error }
                    }
                case .emptyQuery:
                    if callbackError == nil {
                        do { try onStatementEnd(StatementOutcome(commandTag: "", rowCount: 0)) } catch { callbackError = error }
                    }
                case .sendCopyFail:
                    writer.removeAll()
                    CopyFail(reason: "pgcheck does not send COPY data").encode(into: &writer)
                    try flushWriter()
                case .notice(let notice):
                    deliver(notice)
                case .notification(let notification):
                    logger.debug("notification", metadata: ["channel": "\(notification.channel)"])
                case .parameterStatus(let status):
                    parameters[status.name] = status.value
                case .done(let status):
                    transactionStatus = status
                    if let serverError = machine.firstError { throw serverError }
                    if let callbackError { throw callbackError }
                    return
                }
            }
        } catch let error as PostgresServerError {
            if error.isFatal { markBroken() }
            throw error
        } catch let error as ClientError where !machine.isFinished {
            markBroken()
            throw error
        }
    }

    /// ``readCycle(onColumns:onRow:onCopyData:onParameters:onStatementEnd:)`` for requests of several
    /// statements, returning how each one ended.
    func readCycleOutcomes(
        onColumns: (PostgresColumns) throws -> Void, onRow: (borrowing PostgresRow) throws -> Void,
        onStatementEnd: (StatementOutcome) throws -> Void
    ) throws -> [StatementOutcome] {
        var outcomes: [StatementOutcome] = []
        try readCycle(onColumns: onColumns, onRow: onRow, onStatementEnd: { outcome in
            outcomes.append(outcome)
            try onStatementEnd(outcome)
        })
        return outcomes
    }
}
