import Foundation
import PostgresWire

// stream-rows-async blocking|main-actor|detached URL [SQL]
//
// The async contestants: how an ops tool that embeds pgcheck the Swift way streams a result. Runs SQL
// (default `SELECT id, quantity FROM usage_events`) and decodes both bigint columns of every row:
//   blocking    PostgresConnection.query with a row closure (the reference),
//   main-actor  `for try await row in connection.rows(sql)` straight in this async @main, on the main actor,
//   detached    the same loop in Task.detached, off every actor.
// Prints `rows=N checksum=X` so the benchmark can check that every row arrived.

@main
struct StreamRowsAsync {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3, ["blocking", "main-actor", "detached"].contains(arguments[1]) else {
            FileHandle.standardError.write(Data("usage: stream-rows-async blocking|main-actor|detached URL [SQL]\n".utf8))
            exit(2)
        }
        let sql = arguments.count >= 4 ? arguments[3] : "SELECT id, quantity FROM usage_events"
        do {
            let configuration = try ConnectionConfiguration.parse(arguments[2], environment: [:])
            let tally: Tally
            switch arguments[1] {
            case "blocking": tally = try blocking(configuration, sql)
            case "main-actor": tally = try await onTheMainActor(configuration, sql)
            default: tally = try await Task.detached { try await offEveryActor(configuration, sql) }.value
            }
            print("rows=\(tally.rows) checksum=\(tally.checksum)")
        } catch {
            FileHandle.standardError.write(Data("stream-rows-async: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Rows seen and their values folded together.
    struct Tally: Sendable {
        var rows = 0
        var checksum: UInt64 = 0

        mutating func add(_ id: Int64, _ quantity: Int64) {
            rows += 1
            checksum &+= UInt64(bitPattern: id) &+ UInt64(bitPattern: quantity)
        }
    }

    static func blocking(_ configuration: ConnectionConfiguration, _ sql: String) throws -> Tally {
        let connection = try PostgresConnection.connect(configuration)
        defer { connection.close() }
        var tally = Tally()
        try connection.query(sql) { row in tally.add(try row.decode(Int64.self, at: 0), try row.decode(Int64.self, at: 1)) }
        return tally
    }

    @MainActor
    static func onTheMainActor(_ configuration: ConnectionConfiguration, _ sql: String) async throws -> Tally {
        let connection = try await AsyncPostgresConnection.connect(configuration)
        var tally = Tally()
        for try await row in connection.rows(sql) {
            tally.add(try row.decode(Int64.self, at: 0), try row.decode(Int64.self, at: 1))
        }
        await connection.close()
        return tally
    }

    static func offEveryActor(_ configuration: ConnectionConfiguration, _ sql: String) async throws -> Tally {
        let connection = try await AsyncPostgresConnection.connect(configuration)
        var tally = Tally()
        for try await row in connection.rows(sql) {
            tally.add(try row.decode(Int64.self, at: 0), try row.decode(Int64.self, at: 1))
        }
        await connection.close()
        return tally
    }
}
