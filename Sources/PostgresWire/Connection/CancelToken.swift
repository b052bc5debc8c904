/// What it takes to cancel a connection's running query from elsewhere: its endpoint and backend key.
///
/// Sendable: hand it to another thread or task, which calls ``cancel()`` while the owner is blocked
/// in a query. The query then fails with SQLSTATE 57014 (query_canceled).
public struct CancelToken: Sendable {
    /// Where the session lives.
    public let endpoint: Endpoint
    let key: BackendKeyData
    let connectTimeout: Double?

    /// Asks the server to cancel whatever the session is running, on a new connection, as libpq's
    /// PQcancel does. Returns once the server has read the request (it answers by closing).
    public func cancel() throws {
        let socket = endpoint.isUnixSocket
            ? try PlainSocket.connect(unixPath: endpoint.unixSocketPath, timeout: connectTimeout ?? 10)
            : try PlainSocket.connect(host: endpoint.host, hostaddr: endpoint.hostaddr, port: endpoint.port, timeout: connectTimeout ?? 10)
        defer { socket.close() }
        // Bounds sending the request and waiting for the server to close the socket when done, which
        // makes cancel() synchronous.
        socket.deadline = .now + .seconds(5)
        let request = CancelRequest(processID: key.processID, secretKey: key.secretKey).encodedBytes
        try request.withUnsafeBytes { try socket.write($0) }
        var byte: UInt8 = 0
        _ = try? withUnsafeMutableBytes(of: &byte) { try socket.read(into: $0) }
    }
}
