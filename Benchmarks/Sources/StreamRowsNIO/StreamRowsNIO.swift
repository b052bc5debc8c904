import Foundation
import Logging
import NIOSSL
import PostgresNIO
// Only for reading the URL as libpq does (ConnectionConfiguration); the streaming is PostgresNIO's.
import struct PostgresWire.ConnectionConfiguration

// stream-rows-nio URL [SQL]
//
// The Swift peer in the streaming benchmark: the same work as `stream-rows`, done with PostgresNIO
// (SwiftNIO, NIOSSL). It is a contestant only: pgcheck itself uses neither. Connects with TLS when the
// URL's sslmode asks for it (certificate not verified, as sslmode=require), runs SQL (default
// `SELECT * FROM usage_events`; PostgresNIO always asks for binary results) and touches every value the
// way `stream-rows` does: integers, UUIDs, timestamps and numerics are decoded into Swift values (`Int64`,
// `UUID`, `Date`, `Decimal`, PostgresNIO's types for them); text and jsonb are read as their bytes.
// Prints `rows=N checksum=X`.

struct ContestantError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// How one column is touched, decided once per result from its type.
enum ColumnTouch {
    case integer, uuid, timestamp, numeric, bytes

    init(_ type: PostgresDataType) {
        switch type {
        case .int2, .int4, .int8: self = .integer
        case .uuid: self = .uuid
        case .timestamp, .timestamptz: self = .timestamp
        case .numeric: self = .numeric
        default: self = .bytes
        }
    }
}

@main
struct StreamRowsNIO {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: stream-rows-nio URL [SQL]\n".utf8))
            exit(2)
        }
        let sql = arguments.count >= 3 ? arguments[2] : "SELECT * FROM usage_events"
        do {
            let (rows, checksum) = try await stream(target: try ConnectionConfiguration.parse(arguments[1], environment: [:]), sql: sql)
            print("rows=\(rows) checksum=\(checksum)")
        } catch {
            FileHandle.standardError.write(Data("stream-rows-nio: \(String(reflecting: error))\n".utf8))
            exit(1)
        }
    }

    static func stream(target: ConnectionConfiguration, sql: String) async throws -> (rows: Int, checksum: UInt64) {
        guard let endpoint = target.endpoints.first else { throw ContestantError("the URL names no host") }
        var tls = PostgresConnection.Configuration.TLS.disable
        if target.sslMode != .disable {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            tls = .require(try NIOSSLContext(configuration: configuration))
        }
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: target.user, password: target.password,
            database: target.database, tls: tls)
        let logger = Logger(label: "stream-rows-nio")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        var rows = 0
        var checksum: UInt64 = 0
        do {
            var touches: [ColumnTouch]?
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            for try await row in sequence {
                // Cells are visited in order (a random-access row would copy them into an array per row).
                let kinds = touches ?? row.map { ColumnTouch($0.dataType) }
                touches = kinds
                for (index, cell) in row.enumerated() {
                    guard let bytes = cell.bytes else {
                        checksum &+= 1
                        continue
                    }
                    switch kinds[index] {
                    case .integer:
                        checksum &+= UInt64(bitPattern: try cell.decode(Int64.self))
                    case .uuid:
                        let uuid = try cell.decode(UUID.self).uuid
                        checksum &+= UInt64(uuid.0) &+ UInt64(uuid.15)
                    case .timestamp:
                        checksum &+= UInt64(bitPattern: Int64(try cell.decode(Date.self).timeIntervalSince1970 * 1_000_000))
                    case .numeric:
                        // Decoded, then read without Foundation's slow Decimal-to-text (not PostgresNIO's cost).
                        let decimal = try cell.decode(Decimal.self)
                        checksum &+= UInt64(bitPattern: Int64(decimal.exponent)) &+ (decimal.isSignMinus ? 1 : 2)
                    case .bytes:
                        checksum &+= UInt64(bytes.readableBytes) &+ UInt64(bytes.getInteger(at: bytes.readerIndex, as: UInt8.self) ?? 0)
                    }
                }
                rows += 1
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return (rows, checksum)
    }
}
