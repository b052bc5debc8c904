import ArgumentParser
import Foundation
import Logging
import PostgresWire

/// The connection flags every command that talks to a database shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A postgres:// URI or a key=value connection string. Default: DATABASE_URL, else the PG* variables.",
        valueName: "url"))
    var url: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the connection (libpq connect_timeout).", valueName: "seconds"))
    var connectTimeout: Double?

    @Flag(name: .long, help: "Log the connection's progress (never passwords) on stderr.")
    var verbose = false

    /// Session options for a command: logging on stderr at warning level, or debug with --verbose.
    ///
    /// No session settings: every command sets its timeouts and read-only mode per transaction
    /// (`BEGIN … READ ONLY`, `SET LOCAL`), which also holds through a transaction pooler, and
    /// connecting costs no round trip beyond the startup exchange.
    func sessionOptions() -> SessionOptions {
        var logger = Logger(label: "pgcheck")
        logger.logLevel = verbose ? .debug : .warning
        return SessionOptions(logger: logger)
    }

    /// The configuration these flags and the environment describe.
    func configuration() throws -> ConnectionConfiguration {
        var configuration = try ConnectionConfiguration.resolve(url: url)
        if let connectTimeout { configuration.connectTimeout = connectTimeout > 0 ? max(connectTimeout, 2) : nil }
        return configuration
    }
}
