import ArgumentParser
import Foundation
import PostgresWire

/// `pgcheck ping`: connect as configured and report what was negotiated.
struct Ping: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Connect and report the server version, TLS, authentication and round-trip time.",
        discussion: """
            The runbook's prerequisite check. Exit 0 when connected; otherwise one line naming the phase \
            that failed (configuration, resolve, connect, tls, authentication, startup) and exit 3 \
            (2 for a bad connection string).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let configuration = try connection.configuration()
        let clock = ContinuousClock()
        let started = clock.now
        let session = try PostgresConnection.connect(configuration, options: connection.sessionOptions())
        let connectTime = clock.now - started
        defer { session.close() }
        let roundTripStart = clock.now
        try session.execute("SELECT 1")
        let roundTrip = clock.now - roundTripStart
        let report = PingReport(session: session, connectTime: connectTime, roundTrip: roundTrip)
        print(json ? try report.json() : report.text + "\n", terminator: "")
    }
}
