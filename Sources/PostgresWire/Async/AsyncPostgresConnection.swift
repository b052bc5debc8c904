import Dispatch

/// The Swift-concurrency face of ``PostgresConnection`` for services that embed pgcheck.
///
/// Each connection owns a serial dispatch queue on which the blocking core runs, so awaiting a query
/// never blocks the cooperative thread pool. Cancelling the awaiting task sends a CancelRequest to
/// the server. Rows stream through ``rows(_:_:resultFormat:bufferSize:bufferBytes:)`` in batches, with
/// back-pressure in rows and bytes: the reader pauses when the consumer falls behind, so memory stays bounded.
public final class AsyncPostgresConnection: Sendable {
    private let queue: DispatchQueue
    private let core: CoreBox
    /// Cancels the query running on this connection (see ``CancelToken``).
    public let cancelToken: CancelToken?
    /// TLS details, or nil without TLS.
    public let tls: TLSInfo?
    /// How the server authenticated us.
    public let authenticationMethod: AuthenticationMethod
    /// The server version string.
    public let serverVersion: String

    private init(core: PostgresConnection, queue: DispatchQueue) {
        self.core = CoreBox(core)
        self.queue = queue
        cancelToken = core.cancelToken
        tls = core.tls
        authenticationMethod = core.authenticationMethod
        serverVersion = core.serverVersion
    }

    /// Connects as ``PostgresConnection/connect(_:options:)`` does, without blocking the caller's thread.
    public static func connect(
        _ configuration: ConnectionConfiguration, options: SessionOptions = SessionOptions()
    ) async throws -> AsyncPostgresConnection {
        let queue = DispatchQueue(label: "pgcheck.postgres.connection")
        let core = try await run(on: queue) { try PostgresConnection.connect(configuration, options: options) }
        return AsyncPostgresConnection(core: core.value, queue: queue)
    }

    /// Runs one statement with bound parameters and collects its rows.
    public func query(
        _ sql: String, _ parameters: [(any PostgresEncodable)?] = [], resultFormat: PostgresFormat = .binary
    ) async throws -> PostgresResult {
        let parameters = SendableParameters(parameters)
        return try await perform { try $0.query(sql, parameters.values, resultFormat: resultFormat) }
    }

    /// Runs SQL with the simple protocol (several statements allowed) and collects every result.
    public func simpleQuery(_ sql: String) async throws -> [PostgresResult] {
        try await perform { try $0.simpleQuery(sql) }
    }

    /// Runs statements whose rows you do not need.
    public func execute(_ sql: String) async throws {
        try await perform { try $0.execute(sql) }
    }

    /// Streams a query's rows as an `AsyncSequence` of owned rows.
    ///
    /// Rows travel from the connection to the loop in batches, so the loop pays for a suspension only
    /// when a batch is used up, and a loop on the main actor stays there. Memory is bounded: at most
    /// `bufferSize` rows and about `bufferBytes` bytes wait for the consumer (plus the batch being
    /// filled and the one being read); beyond that the connection stops reading from the socket until
    /// the consumer catches up. Leaving the loop early cancels the query on the server.
    ///
    /// ```swift
    /// for try await row in connection.rows("SELECT id, quantity FROM usage_events") {
    ///     total += try row.decode(Int64.self, at: 1)
    /// }
    /// ```
    public func rows(
        _ sql: String, _ parameters: [(any PostgresEncodable)?] = [], resultFormat: PostgresFormat = .binary,
        bufferSize: Int = 8192, bufferBytes: Int = 2 * 1024 * 1024
    ) -> PostgresRowSequence {
        let channel = RowBatchChannel(rowLimit: bufferSize, byteLimit: bufferBytes)
        let parameters = SendableParameters(parameters)
        let token = cancelToken
        // Batches of a quarter of each bound, so the producer keeps filling one while others wait.
        let rowsPerBatch = max(1, min(bufferSize / 4, 2048))
        let bytesPerBatch = max(4096, min(bufferBytes / 4, 256 * 1024))
        queue.async { [core] in
            var producer = RowBatchProducer(channel: channel, rowsPerBatch: rowsPerBatch, bytesPerBatch: bytesPerBatch)
            defer { producer.discard() }
            let connection = core.connection
            do {
                try connection.query(sql, parameters.values, resultFormat: resultFormat, onColumns: { columns in
                    guard producer.flush() else { throw CancellationError() }
                    producer.begin(columns)
                }, onRow: { row in
                    guard producer.add(row, moreBuffered: connection.hasMoreInput(after: row)) else {
                        try? token?.cancel()
                        throw CancellationError()
                    }
                })
                guard producer.flush() else { throw CancellationError() }
                channel.finish(nil)
            } catch is CancellationError where channel.isAbandoned {
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
        return PostgresRowSequence(channel: channel)
    }

    /// Closes the connection.
    public func close() async {
        _ = try? await perform { $0.close() }
    }

    private func perform<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let token = cancelToken
        let core = core
        return try await withTaskCancellationHandler {
            try await Self.run(on: queue) { try work(core.connection) }
        } onCancel: {
            try? token?.cancel()
        }
    }

    private static func run<T: Sendable>(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}

/// Holds the non-Sendable core; it is only ever touched on the connection's serial queue.
private final class CoreBox: @unchecked Sendable {
    let connection: PostgresConnection
    init(_ connection: PostgresConnection) { self.connection = connection }
}

/// Lets a freshly built connection cross from its queue to the caller; it is not used on both sides.
private struct UncheckedTransfer<Value>: @unchecked Sendable {
    let value: Value
}

extension AsyncPostgresConnection {
    fileprivate static func run(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> PostgresConnection) async throws -> UncheckedTransfer<PostgresConnection> {
        try await run(on: queue) { UncheckedTransfer(value: try work()) }
    }
}

/// Parameters are encodable values declared Sendable by ``PostgresEncodable``; the array of optionals
/// of existentials needs this wrapper to say so.
struct SendableParameters: @unchecked Sendable {
    let values: [(any PostgresEncodable)?]
    init(_ values: [(any PostgresEncodable)?]) { self.values = values }
}
