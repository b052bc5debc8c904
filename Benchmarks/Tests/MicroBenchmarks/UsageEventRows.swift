import Foundation
@testable import PostgresWire

/// Wire bytes of `usage_events` rows exactly as the server sends them in binary format, for the
/// micro-benchmarks that must not depend on a running server.
enum UsageEventRows {
    /// The result's column descriptions (binary format codes), as RowDescription announces them.
    static let columns: PostgresColumns = {
        let types: [(String, PostgresOID)] = [
            ("id", PostgresTypeOID.int8), ("admin_id", PostgresTypeOID.uuid), ("account_id", PostgresTypeOID.uuid),
            ("meter", PostgresTypeOID.text), ("bucket_start", PostgresTypeOID.timestamptz), ("quantity", PostgresTypeOID.int8),
            ("unit_price", PostgresTypeOID.numeric), ("created_at", PostgresTypeOID.timestamptz),
            ("window_start", PostgresTypeOID.timestamptz), ("window_end", PostgresTypeOID.timestamptz),
            ("source", PostgresTypeOID.text), ("metadata", PostgresTypeOID.jsonb),
        ]
        return PostgresColumns(RowDescription(columns: types.map {
            RowDescription.Column(name: $0.0, dataTypeOID: $0.1, formatCode: 1)
        }))
    }()

    /// One column value per column of ``columns`` for row `n`, binary-encoded.
    static func values(_ n: Int64) -> [[UInt8]] {
        var id: [UInt8] = []
        BigEndian.append(n, to: &id)
        let uuid = Array(repeating: UInt8(truncatingIfNeeded: n), count: 16)
        var timestamp: [UInt8] = []
        BigEndian.append(Int64(789_000_000_000_000) + n * 60_000_000, to: &timestamp)
        var quantity: [UInt8] = []
        BigEndian.append((n * 7919) % 100_000, to: &quantity)
        // numeric 123.456789: ndigits 3, weight 0, sign +, dscale 6, digits 123 4567 8900.
        let numeric: [UInt8] = [0, 3, 0, 0, 0, 0, 0, 6, 0, 123, 0x11, 0xD7, 0x22, 0xC4]
        let metadata = [1] + Array(#"{"tier": 1, "region": "us-east-1"}"#.utf8)
        return [id, uuid, uuid, Array("storage_gb_hours".utf8), timestamp, quantity, numeric, timestamp, timestamp,
                timestamp, Array("api".utf8), metadata]
    }

    /// A DataRow message body (column count, then length-prefixed values).
    static func dataRowBody(_ n: Int64) -> [UInt8] {
        var body: [UInt8] = []
        BigEndian.append(Int16(columns.count), to: &body)
        for value in values(n) {
            BigEndian.append(Int32(value.count), to: &body)
            body += value
        }
        return body
    }

    /// `count` complete DataRow messages back to back, as they arrive from the socket.
    static func dataRowMessages(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for n in 0..<count {
            let body = dataRowBody(Int64(n))
            bytes.append(BackendMessageType.dataRow)
            BigEndian.append(Int32(body.count + 4), to: &bytes)
            bytes += body
        }
        return bytes
    }
}
