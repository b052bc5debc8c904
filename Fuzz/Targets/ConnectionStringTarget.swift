// libFuzzer target: connection strings (postgres:// URIs and key=value strings) and PG* environment
// variables through ConnectionConfiguration.parse, libpq's rules.
//
// Input: the connection string, optionally followed by a NUL byte and environment lines (NAME=value).
// Oracle (ConnectionStringPasswordOracle, Tests/PGTestSupport, compiled in by build.sh and run by the
// unit tests on this target's regression seeds): a password added to any string that parses must never
// appear in the configuration's description, its debug description or its mirror, nor in any error the
// parser throws; added to a URI that parses, it must become the password.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConnectionString(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let (text, environment) = ConnectionStringPasswordOracle.input(Array(UnsafeBufferPointer(start: data, count: size)))
    let violations = ConnectionStringPasswordOracle.violations(text, environment: environment)
    precondition(violations.isEmpty, violations.joined(separator: "\n"))
    return 0
}
