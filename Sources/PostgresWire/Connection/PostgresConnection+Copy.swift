extension PostgresConnection {
    /// Runs `COPY … TO STDOUT` and streams the data: each chunk (in text/CSV formats, one line) is lent
    /// to `onData` straight from the receive buffer.
    ///
    /// - Returns: how the statement ended (the tag holds the row count, "COPY 1000").
    @discardableResult
    public func copyOut(_ sql: String, onData: (UnsafeRawBufferPointer) throws -> Void) throws -> StatementOutcome {
        try checkOpen()
        try SQLText.validate(sql)
        Query(sql).encode(into: &writer)
        try flushWriter()
        var outcome = StatementOutcome(commandTag: "", rowCount: 0)
        try readCycle(onCopyData: onData, onStatementEnd: { outcome = $0 })
        return outcome
    }
}
