import Foundation
import XCTest
@testable import PostgresWire

/// The client's share of a SCRAM-SHA-256 login: SASLprep, PBKDF2 with PostgreSQL's default 4,096
/// iterations, and the proofs. This is most of the CPU a connection costs before TLS.
final class SCRAMBenchmarks: XCTestCase {
    func testClientProof4096Iterations() throws {
        let count = 50
        let salt = Data((0..<16).map { UInt8($0) }).base64EncodedString()
        print("MICRO testClientProof4096Iterations operations=\(count)")
        measure {
            for _ in 0..<count {
                var client = try! SCRAMSHA256Client(
                    username: "", password: "scr@m:pass/w%rd", channelBinding: .unsupported,
                    clientNonce: "rOprNGfwEbeRWgbNEkqO")
                _ = client.clientFirstMessage()
                let serverFirst = Array("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=\(salt),i=4096".utf8)
                XCTAssertFalse(try! client.receiveServerFirst(serverFirst).isEmpty)
            }
        }
    }
}
