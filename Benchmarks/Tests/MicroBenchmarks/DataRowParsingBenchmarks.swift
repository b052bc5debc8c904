import XCTest
@testable import PostgresWire

/// Framing and indexing DataRow messages in place: the per-row work of the streaming path before any value
/// is decoded.
final class DataRowParsingBenchmarks: XCTestCase {
    /// 100,000 messages framed out of one receive buffer, each indexed column by column.
    func testFramingAndIndexingRows() throws {
        let rowCount = 100_000
        let messages = UsageEventRows.dataRowMessages(rowCount)
        let framer = MessageFramer()
        let index = DataRowColumns()
        let columnCount = UsageEventRows.columns.count
        print("MICRO testFramingAndIndexingRows operations=\(rowCount)")
        measure {
            var rows = 0
            messages.withUnsafeBytes { all in
                var offset = 0
                while let frame = try? framer.nextFrame(in: UnsafeRawBufferPointer(rebasing: all[offset...])) {
                    try? index.index(frame.body, expectedCount: columnCount)
                    rows += 1
                    offset += frame.wireLength
                }
            }
            XCTAssertEqual(rows, rowCount)
        }
    }

    /// The same rows lent as ``PostgresRow`` and every value's bytes visited, as a sink that copies
    /// values out would.
    func testLendingRowsAndVisitingBytes() throws {
        let rowCount = 100_000
        let messages = UsageEventRows.dataRowMessages(rowCount)
        let framer = MessageFramer()
        let index = DataRowColumns()
        let columns = UsageEventRows.columns
        print("MICRO testLendingRowsAndVisitingBytes operations=\(rowCount)")
        measure {
            var total = 0
            messages.withUnsafeBytes { all in
                var offset = 0
                while let frame = try? framer.nextFrame(in: UnsafeRawBufferPointer(rebasing: all[offset...])) {
                    try? index.index(frame.body, expectedCount: columns.count)
                    let row = PostgresRow(body: frame.body, index: index, columns: columns)
                    for column in 0..<row.count {
                        total &+= row.withBytes(at: column) { $0?.count ?? 0 }
                    }
                    offset += frame.wireLength
                }
            }
            XCTAssertGreaterThan(total, 0)
        }
    }
}
