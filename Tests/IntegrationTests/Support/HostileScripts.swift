import Foundation
import Testing
@testable import PostgresWire

/// Test support: what the hostile-server tests have in common — the client's side of a connection to
/// a ``HostileServer``, with the error, how long it took, and the process's memory around it.
enum HostileClient {
    /// The outcome of one attempt.
    struct Outcome {
        /// What the client threw, if anything.
        let error: (any Error)?
        /// How long connecting (and querying) took.
        let elapsed: Duration
        /// The connection, when it got that far (for checking it was closed).
        let connection: PostgresConnection?

        /// The error as a ``ClientError``, recording an issue when it is something else.
        func clientError(sourceLocation: SourceLocation = #_sourceLocation) -> ClientError? {
            guard let error else {
                Issue.record("the client accepted what the hostile server sent", sourceLocation: sourceLocation)
                return nil
            }
            guard let clientError = error as? ClientError else {
                Issue.record("expected a ClientError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
                return nil
            }
            return clientError
        }
    }

    /// Connects to `server` and, if `query` is given, runs it with the simple protocol.
    static func run(
        _ server: HostileServer, sslMode: String = "disable", parameters: [String: String] = [:],
        options: SessionOptions = SessionOptions(), query: String? = nil
    ) -> Outcome {
        let started = ContinuousClock.now
        var connection: PostgresConnection?
        do {
            let configuration = try ConnectionConfiguration.parse(server.url(sslMode: sslMode, parameters), environment: TestClusters.environment)
            connection = try PostgresConnection.connect(configuration, options: options)
            if let query { _ = try connection?.simpleQuery(query) }
            return Outcome(error: nil, elapsed: ContinuousClock.now - started, connection: connection)
        } catch {
            return Outcome(error: error, elapsed: ContinuousClock.now - started, connection: connection)
        }
    }
}

/// Test support: server scripts shared by the hostile tests.
enum HostileScripts {
    /// Trust startup, then reads the client's query and answers with `response`, then waits for the
    /// client to hang up.
    static func answerQuery(with response: [UInt8]) -> @Sendable (HostileSession) throws -> Void {
        { session in
            try session.readStartup()
            session.send(WireBytes.trustStartup)
            let query = try session.readMessage()
            guard query.type == "Q" else { throw LoopbackSetupError("expected a Query, got '\(query.type)'") }
            session.send(response)
            _ = session.waitForClientToLeave()
        }
    }

    /// Offers SCRAM-SHA-256, reads the client-first-message, and answers with `serverFirst(clientNonce)`;
    /// then, if `serverFinal` is given, reads the client-final-message and answers with it.
    static func scram(
        serverFirst: @escaping @Sendable (String) -> String, serverFinal: String? = nil
    ) -> @Sendable (HostileSession) throws -> Void {
        { session in
            try session.readStartup()
            session.send(WireBytes.sasl(["SCRAM-SHA-256"]))
            let initial = try session.readMessage()
            let text = String(decoding: initial.body, as: UTF8.self)
            guard initial.type == "p", let range = text.range(of: ",r=") else {
                throw LoopbackSetupError("expected a SASLInitialResponse, got '\(initial.type)'")
            }
            let nonce = String(text[range.upperBound...].prefix { $0 != "," && $0 != "\0" })
            session.send(WireBytes.saslContinue(serverFirst(nonce)))
            if let serverFinal {
                let response = try session.readMessage()
                guard response.type == "p" else { throw LoopbackSetupError("expected a SASLResponse, got '\(response.type)'") }
                session.send(WireBytes.saslFinal(serverFinal))
            }
            _ = session.waitForClientToLeave()
        }
    }
}

/// Test support: this process's memory and descriptors, from /proc.
enum ProcessResources {
    /// Resident memory in bytes (VmRSS).
    static func residentBytes() -> Int {
        guard let status = procFile("/proc/self/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    /// A /proc file's text, read to its end (they report a size of 0, so size-based readers see nothing).
    static func procFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd(), !data.isEmpty else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The number of open file descriptors.
    static func openDescriptorCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }

    /// Descriptors of this process that are TCP sockets whose peer is 127.0.0.1:`port`.
    static func socketsConnected(toPort port: Int) -> Int {
        let inodes = Set(((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { name -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)"),
                  target.hasPrefix("socket:[") else { return nil }
            return String(target.dropFirst(8).dropLast())
        })
        guard let table = procFile("/proc/self/net/tcp") else { return 0 }
        let hexPort = String(port, radix: 16, uppercase: true)
        let remote = "0100007F:" + String(repeating: "0", count: max(0, 4 - hexPort.count)) + hexPort
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 9 && fields[2] == remote && inodes.contains(String(fields[9]))
        }.count
    }
}
