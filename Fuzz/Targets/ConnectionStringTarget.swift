// libFuzzer target: connection strings (postgres:// URIs and key=value strings) and PG* environment
// variables through ConnectionConfiguration.parse, libpq's rules.
//
// Input: the connection string, optionally followed by a NUL byte and environment lines (NAME=value).
// Oracle: a password added to any string that parses must never appear in the configuration's
// description, its debug description or its mirror, nor in any error the parser throws.
import Foundation
import PostgresWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConnectionString(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let text = String(decoding: parts[0], as: UTF8.self)
    var environment: [String: String] = [:]
    if parts.count > 1 {
        for line in String(decoding: parts[1], as: UTF8.self).split(separator: "\n") {
            let pair = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 { environment[String(pair[0])] = String(pair[1]) }
        }
    }
    ConnectionStringFuzz.run(text, environment: environment)
    return 0
}

enum ConnectionStringFuzz {
    static let marker = "Zq9-fuzz-s3cret-Marker"

    static func run(_ text: String, environment: [String: String]) {
        if let configuration = try? ConnectionConfiguration.parse(text, environment: environment) {
            _ = configuration.redactedDescription
            _ = configuration.requireAuthPolicy
            for endpoint in configuration.endpoints { _ = configuration.permitsCleartextPassword(to: endpoint, overTLS: false) }
        }
        // A trailing backslash escapes the blank we would add, making the password part of the last value.
        let trailingBackslashes = text.reversed().prefix { $0 == "\\" }.count
        let withPassword: String
        let isURI = text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
        if trailingBackslashes % 2 == 1 || (isURI && text.contains("?")) {
            // Where an added parameter would land is ambiguous (a "?" may sit inside the user name):
            // only the PGPASSWORD route below is checked.
            withPassword = text
        } else if isURI {
            withPassword = text + "?password=\(marker)"
        } else {
            withPassword = text + " password=\(marker)"
        }
        var environmentWithPassword = environment
        environmentWithPassword["PGPASSWORD"] = marker
        for (candidate, variables) in [(withPassword, environment), (text, environmentWithPassword)] {
            do {
                let configuration = try ConnectionConfiguration.parse(candidate, environment: variables)
                var dumped = ""
                dump(configuration, to: &dumped)
                for shown in [configuration.description, configuration.debugDescription, configuration.redactedDescription, dumped] {
                    precondition(!shown.contains(marker), "password shown: \(shown)")
                }
            } catch {
                precondition(!"\(error)".contains(marker), "password in an error: \(error)")
            }
        }
    }
}
