import Foundation
import PostgresWire
import PGSupport
import PGJSON

/// What `pgcheck ping` prints.
struct PingReport: Encodable {
    let server: String
    let serverVersion: String
    let database: String
    let user: String
    let tls: String
    let authentication: String
    let channelBinding: Bool
    let connectMilliseconds: Double
    let roundTripMilliseconds: Double

    init(session: PostgresConnection, connectTime: Duration, roundTrip: Duration) {
        let endpoint = session.endpoint
        server = endpoint.isUnixSocket ? endpoint.unixSocketPath : "\(endpoint.host):\(endpoint.port)"
        serverVersion = session.serverVersion
        database = session.configuration.database
        user = session.configuration.user
        tls = session.tls.map { "\($0.protocolVersion) \($0.cipher)" } ?? "no TLS"
        authentication = session.authenticationMethod.rawValue
        channelBinding = session.authenticationMethod == .scramSHA256Plus
        connectMilliseconds = connectTime.inMilliseconds
        roundTripMilliseconds = roundTrip.inMilliseconds
    }

    var text: String {
        """
        server:          \(server)
        server version:  \(serverVersion)
        database:        \(database)
        user:            \(user)
        tls:             \(tls)
        authentication:  \(authentication)\(channelBinding ? " (channel binding: tls-server-end-point)" : "")
        connect time:    \(Self.fixed(connectMilliseconds, digits: 1)) ms
        round trip:      \(Self.fixed(roundTripMilliseconds, digits: 2)) ms
        """
    }

    /// `value` with exactly `digits` decimals, rounded half away from zero (what `%.Nf` prints for these
    /// small positive times), without `String(format:)`, whose first call pulls in Foundation's
    /// formatting machinery at start-up.
    static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// The report as a JSON document, ending in a newline.
    func json() throws -> String { try CanonicalJSONDocument.text(of: self) }
}
