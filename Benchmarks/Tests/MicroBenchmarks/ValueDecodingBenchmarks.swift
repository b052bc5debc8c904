import Foundation
import XCTest
@testable import PostgresWire

/// Decoding binary values into Swift types, and rendering them as psql prints them.
final class ValueDecodingBenchmarks: XCTestCase {
    private static let count = 1_000_000
    private let values = UsageEventRows.values(42)

    private func decodeLoop<T: PostgresDecodable>(_ name: String, _ type: T.Type, column: Int, _ fold: (T) -> Int) {
        let oid = UsageEventRows.columns.typeOID(at: column)
        print("MICRO \(name) operations=\(Self.count)")
        values[column].withUnsafeBytes { bytes in
            measure {
                var total = 0
                for _ in 0..<Self.count {
                    total &+= fold(try! T.decode(from: bytes, format: .binary, type: oid))
                }
                XCTAssertNotEqual(total, 0)
            }
        }
    }

    func testDecodeInt64() { decodeLoop("testDecodeInt64", Int64.self, column: 0) { Int($0) } }
    func testDecodeUUID() { decodeLoop("testDecodeUUID", UUID.self, column: 1) { Int($0.uuid.0) + 1 } }
    func testDecodeTimestamp() { decodeLoop("testDecodeTimestamp", PostgresTimestamp.self, column: 4) { Int($0.microsecondsSince2000) } }
    func testDecodeNumeric() { decodeLoop("testDecodeNumeric", PostgresNumeric.self, column: 6) { $0.description.utf8.count } }
    func testDecodeShortString() { decodeLoop("testDecodeShortString", String.self, column: 3) { $0.utf8.count } }
    func testDecodeJSONBAsString() { decodeLoop("testDecodeJSONBAsString", String.self, column: 11) { $0.utf8.count } }

    /// A binary timestamptz rendered as `timestamptz_out` prints it (the csv sink's work for binary columns).
    func testRenderTimestampText() {
        let count = 200_000
        print("MICRO testRenderTimestampText operations=\(count)")
        values[4].withUnsafeBytes { bytes in
            measure {
                var total = 0
                for _ in 0..<count {
                    total &+= PostgresTextRenderer.render(bytes: bytes, format: .binary, type: PostgresTypeOID.timestamptz).utf8.count
                }
                XCTAssertGreaterThan(total, 0)
            }
        }
    }
}
