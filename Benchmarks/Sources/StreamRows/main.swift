import Foundation
import PostgresWire

// stream-rows [--strings] URL [SQL]
//
// The "library" contestant of the streaming benchmark: connects with PostgresWire, runs SQL (default
// `SELECT * FROM usage_events`) with the extended protocol in binary result format, and touches every
// value: integers, UUIDs, timestamps and numerics are decoded into Swift values (`Int64`, `UUID`,
// `PostgresTimestamp`, `PostgresNumeric`); text and jsonb are read as their bytes, lent in place, exactly
// what the libpq reference gets from PQgetvalue (`--strings` decodes text into `String` instead).
// Prints `rows=N checksum=X` so the benchmark can check that every row arrived.

/// How one column is touched, decided once per result from its type OID.
enum ColumnTouch {
    case integer, uuid, timestamp, numeric, string, bytes

    init(type: PostgresOID, strings: Bool) {
        switch type {
        case PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8: self = .integer
        case PostgresTypeOID.uuid: self = .uuid
        case PostgresTypeOID.timestamp, PostgresTypeOID.timestamptz: self = .timestamp
        case PostgresTypeOID.numeric: self = .numeric
        case PostgresTypeOID.text, PostgresTypeOID.varchar, PostgresTypeOID.bpchar, PostgresTypeOID.name:
            self = strings ? .string : .bytes
        default: self = .bytes
        }
    }
}

/// Folds one row's values into `checksum`; every value is read, none is kept.
func touch(_ row: borrowing PostgresRow, _ touches: UnsafeBufferPointer<ColumnTouch>, into checksum: inout UInt64) throws {
    for index in 0..<touches.count {
        if row.isNull(index) {
            checksum &+= 1
            continue
        }
        switch touches[index] {
        case .integer:
            checksum &+= UInt64(bitPattern: try row.decode(Int64.self, at: index))
        case .uuid:
            let uuid = try row.decode(UUID.self, at: index).uuid
            checksum &+= UInt64(uuid.0) &+ UInt64(uuid.15)
        case .timestamp:
            checksum &+= UInt64(bitPattern: try row.decode(PostgresTimestamp.self, at: index).microsecondsSince2000)
        case .numeric:
            checksum &+= UInt64(try row.decode(PostgresNumeric.self, at: index).description.utf8.count)
        case .string:
            checksum &+= UInt64(try row.decode(String.self, at: index).utf8.count)
        case .bytes:
            checksum &+= row.withBytes(at: index) { bytes in UInt64(bytes?.count ?? 0) &+ UInt64(bytes?.first ?? 0) }
        }
    }
}

var arguments = CommandLine.arguments
let strings = arguments.contains("--strings")
arguments.removeAll { $0 == "--strings" }
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: stream-rows [--strings] URL [SQL]\n".utf8))
    exit(2)
}
let sql = arguments.count >= 3 ? arguments[2] : "SELECT * FROM usage_events"
do {
    let configuration = try ConnectionConfiguration.parse(arguments[1], environment: [:])
    let connection = try PostgresConnection.connect(configuration)
    defer { connection.close() }
    // A plain buffer rather than an array: the row closure reads it without reference counting.
    var touches = UnsafeMutableBufferPointer<ColumnTouch>(start: nil, count: 0)
    defer { touches.deallocate() }
    var rows = 0
    var checksum: UInt64 = 0
    try connection.query(sql, resultFormat: .binary, onColumns: { columns in
        touches.deallocate()
        touches = .allocate(capacity: columns.count)
        _ = touches.initialize(from: (0..<columns.count).map { ColumnTouch(type: columns.typeOID(at: $0), strings: strings) })
    }, onRow: { row in
        try touch(row, UnsafeBufferPointer(touches), into: &checksum)
        rows += 1
    })
    print("rows=\(rows) checksum=\(checksum)")
} catch {
    FileHandle.standardError.write(Data("stream-rows: \(error)\n".utf8))
    exit(1)
}
