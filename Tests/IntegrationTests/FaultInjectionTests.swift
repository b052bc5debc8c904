import Foundation
import Testing
import PGLocal
@testable import PostgresWire

/// Network faults between pgcheck and a real server, injected by a proxy: connections cut or stalled
/// in every phase, and a slow trickle. Each ends promptly with an error naming the phase and what was
/// awaited — never a hang, a crash, or a partial result presented as complete.
@Suite struct FaultInjectionTests {
    /// A configuration for `user` on the shared cluster, pointed at `proxy` instead of the server.
    static func configuration(
        through proxy: FaultProxy, user: LocalCluster.User = LocalCluster.trustUser, sslMode: String = "disable",
        _ parameters: [String: String] = [:]
    ) throws -> ConnectionConfiguration {
        var configuration = try TestClusters.configuration(try TestClusters.tls(), user: user, sslMode: sslMode, parameters)
        configuration.endpoints = [Endpoint(host: "127.0.0.1", port: proxy.port)]
        return configuration
    }

    /// Connects through a proxy with `plan`, expecting a ClientError; returns it and how long it took.
    static func connectFailure(
        _ plan: FaultProxy.Plan, user: LocalCluster.User = LocalCluster.trustUser, sslMode: String = "disable",
        _ parameters: [String: String] = [:], options: SessionOptions = SessionOptions(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (ClientError, Duration) {
        let cluster = try TestClusters.tls()
        let proxy = try FaultProxy(targetPort: cluster.port, plan: plan)
        defer { proxy.stop() }
        let configuration = try configuration(through: proxy, user: user, sslMode: sslMode, parameters)
        let started = ContinuousClock.now
        let error = try #require(throws: ClientError.self, sourceLocation: sourceLocation) {
            try PostgresConnection.connect(configuration, options: options)
        }
        if plan.trigger != nil { #expect(proxy.faultsFired >= 1, "the fault was injected", sourceLocation: sourceLocation) }
        return (error, ContinuousClock.now - started)
    }

    /// A fault during connection setup, and the error it must produce.
    struct StartupFault: Sendable, CustomTestStringConvertible {
        let name: String
        let plan: FaultProxy.Plan
        var user = LocalCluster.trustUser
        var sslMode = "disable"
        let phase: ConnectionPhase
        let expected: [String]
        var testDescription: String { name }
    }

    static let startupFaults: [StartupFault] = [
        StartupFault(name: "cut before the server answers the startup message", plan: .cut(.serverBytes(0)),
                     phase: .authentication, expected: ["server closed the connection unexpectedly before the server sent any message",
                                                        "while waiting for the server's answer to the startup message"]),
        StartupFault(name: "cut while the server reports its parameters", plan: .cut(.serverMessage(UInt8(ascii: "S"), occurrence: 3)),
                     phase: .startup, expected: ["after a ParameterStatus message ('S'), between messages",
                                                 "while waiting for ReadyForQuery, the end of startup"]),
        StartupFault(name: "cut inside BackendKeyData", plan: .cut(.serverMessage(UInt8(ascii: "K"), keepingBytes: 6)),
                     phase: .startup, expected: ["in the middle of a BackendKeyData message ('K', received 6 of 13 bytes)"]),
        StartupFault(name: "cut before the TLS answer", plan: .cut(.serverBytes(0)), sslMode: "require",
                     phase: .tls, expected: ["server closed the connection in answer to the TLS request"]),
        StartupFault(name: "cut during the TLS handshake", plan: .cut(.serverBytes(1 + 60)), sslMode: "require",
                     phase: .tls, expected: ["TLS handshake failed: the server closed the connection"]),
        StartupFault(name: "cut before the SCRAM server-first-message",
                     plan: .cut(.serverMessage(UInt8(ascii: "R"), occurrence: 2)), user: LocalCluster.scramUser,
                     phase: .authentication, expected: ["while waiting for the SCRAM server-first-message (AuthenticationSASLContinue)"]),
        StartupFault(name: "cut inside the SCRAM server-final-message",
                     plan: .cut(.serverMessage(UInt8(ascii: "R"), occurrence: 3, keepingBytes: 20)), user: LocalCluster.scramUser,
                     phase: .authentication, expected: ["in the middle of an Authentication message ('R', received 20 of",
                                                        "while waiting for the SCRAM server-final-message"]),
        StartupFault(name: "cut after an MD5 password was sent",
                     plan: .cut(.serverMessage(UInt8(ascii: "R"), occurrence: 2)), user: LocalCluster.md5User,
                     phase: .authentication, expected: ["while waiting for the server's verdict on our credentials (AuthenticationOk)"]),
    ]

    @Test(arguments: startupFaults)
    func startupFaultIsReportedWithItsPhase(_ fault: StartupFault) throws {
        let (error, elapsed) = try Self.connectFailure(fault.plan, user: fault.user, sslMode: fault.sslMode)
        #expect(error.phase == fault.phase, "\(error)")
        for text in fault.expected { #expect(error.message.contains(text), "\(error)") }
        #expect(elapsed < .seconds(3))
        if let password = fault.user.password { #expect(!error.description.contains(password)) }
    }

    @Test func stallDuringTheTLSHandshakeEndsAtConnectTimeout() throws {
        let (error, elapsed) = try Self.connectFailure(.stall(.serverBytes(1 + 60)), sslMode: "require", ["connect_timeout": "2"])
        #expect(error.phase == .tls)
        #expect(error.message.contains("timeout expired after 2 seconds (connect_timeout) during the TLS handshake"), "\(error)")
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(4))
    }

    @Test func stallBeforeTheTLSAnswerEndsAtConnectTimeout() throws {
        let (error, elapsed) = try Self.connectFailure(.stall(.serverBytes(0)), sslMode: "require", ["connect_timeout": "2"])
        #expect(error.phase == .tls)
        #expect(error.message.contains("timeout expired after 2 seconds (connect_timeout) waiting for the server's answer to the TLS request"), "\(error)")
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(4))
    }

    @Test func stallDuringSCRAMEndsAtConnectTimeout() throws {
        let (error, elapsed) = try Self.connectFailure(
            .stall(.serverMessage(UInt8(ascii: "R"), occurrence: 2)), user: LocalCluster.scramUser, ["connect_timeout": "2"])
        #expect(error.phase == .authentication)
        #expect(error.message.contains("timeout expired after 2 seconds (connect_timeout) while waiting for the SCRAM server-first-message"), "\(error)")
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(4))
    }

    @Test func theReadTimeoutAlsoBoundsStartup() throws {
        let (error, elapsed) = try Self.connectFailure(
            .stall(.serverMessage(UInt8(ascii: "Z"))), options: SessionOptions(readTimeout: .milliseconds(300)))
        #expect(error.phase == .startup)
        #expect(error.message.contains("no data arrived for 0.3 seconds (the read timeout) while waiting for ReadyForQuery"), "\(error)")
        #expect(elapsed < .seconds(2))
    }

    @Test func aTrickleCannotStretchConnectTimeout() throws {
        let plan = FaultProxy.Plan(trickle: (bytes: 1, interval: .milliseconds(40)))
        let (error, elapsed) = try Self.connectFailure(plan, ["connect_timeout": "2"], options: SessionOptions(readTimeout: .seconds(1)))
        #expect(error.message.contains("timeout expired after 2 seconds (connect_timeout)"), "\(error)")
        // Where the deadline falls (inside a message, or between two) depends on scheduling; either way
        // the trickle did not stretch it.
        #expect(error.message.contains("in the middle of") || error.message.contains("between messages"), "\(error)")
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(4))
    }

    @Test func aTrickleSlowerThanTheReadTimeoutFails() throws {
        let plan = FaultProxy.Plan(trickle: (bytes: 1, interval: .milliseconds(400)))
        let (error, elapsed) = try Self.connectFailure(plan, options: SessionOptions(readTimeout: .milliseconds(150)))
        #expect(error.message.contains("no data arrived for 0.15 seconds (the read timeout)"), "\(error)")
        #expect(elapsed < .seconds(2))
    }
}
