import Foundation
import PostgresWire

/// The property the `connection-string` fuzz target checks (Fuzz/Targets/ConnectionStringTarget.swift
/// compiles this file in), also run by `swift test` on the target's regression seeds: a password added
/// to a connection string never appears in the configuration's descriptions, its mirror or an error.
///
/// The password is added twice: as `PGPASSWORD`, and in the string itself where libpq's grammar puts
/// a new setting: ` password=…` after a `key=value` string; in a URI, `?password=…`, or `&password=…`
/// when the URI already has a query. Where a URI's query starts is found by that grammar, not by
/// looking for a `?`: a `?` in the user name or inside a bracketed host starts nothing.
public enum ConnectionStringPasswordOracle {
    /// The password added to every input; no input needs to contain it for the check to work.
    public static let marker = "Zq9-fuzz-s3cret-Marker"

    /// A fuzz input's parts: the connection string, then optionally a NUL byte and environment lines
    /// (`NAME=value`, one a line).
    public static func input(_ bytes: [UInt8]) -> (text: String, environment: [String: String]) {
        let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        var environment: [String: String] = [:]
        if parts.count > 1 {
            for line in String(decoding: parts[1], as: UTF8.self).split(separator: "\n") {
                let pair = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if pair.count == 2 { environment[String(pair[0])] = String(pair[1]) }
            }
        }
        return (String(decoding: parts[0], as: UTF8.self), environment)
    }

    /// What broke the property for `text` with `environment`, one sentence each; empty when it holds.
    public static func violations(_ text: String, environment: [String: String]) -> [String] {
        let plain = try? ConnectionConfiguration.parse(text, environment: environment)
        if let plain {
            _ = plain.redactedDescription
            _ = plain.requireAuthPolicy
            for endpoint in plain.endpoints { _ = plain.permitsCleartextPassword(to: endpoint, overTLS: false) }
        }
        var violations: [String] = []
        var environmentWithPassword = environment
        environmentWithPassword["PGPASSWORD"] = marker
        var candidates = [(text, environmentWithPassword)]
        if let withPassword = addingPassword(to: text) {
            candidates.append((withPassword, environment))
            // In a URI the added pair is a query parameter like any other: a URI that parses without it
            // parses with it, and the marker is its password (otherwise the check above tested nothing).
            if plain != nil, uriScheme(text) != nil {
                let password = Result { try ConnectionConfiguration.parse(withPassword, environment: environment).password }
                if (try? password.get()) != marker {
                    violations.append("the added password did not become the password: \(password)")
                }
            }
        }
        for (candidate, variables) in candidates {
            do {
                let configuration = try ConnectionConfiguration.parse(candidate, environment: variables)
                var dumped = ""
                dump(configuration, to: &dumped)
                for shown in [configuration.description, configuration.debugDescription, configuration.redactedDescription, dumped]
                where shown.contains(marker) {
                    violations.append("password shown: \(shown)")
                }
            } catch where "\(error)".contains(marker) {
                violations.append("password in an error: \(error)")
            } catch {}
        }
        return violations
    }

    /// `text` with a password setting added where libpq reads a new setting, or nil where no such place
    /// exists (a `key=value` string ending in an odd number of backslashes escapes any blank added).
    public static func addingPassword(to text: String) -> String? {
        let setting = "password=\(marker)"
        guard uriScheme(text) != nil else {
            let trailingBackslashes = text.utf8.reversed().prefix { $0 == UInt8(ascii: "\\") }.count
            return trailingBackslashes % 2 == 1 ? nil : text + " " + setting
        }
        guard uriHasQuery(text) else { return text + "?" + setting }
        return text.hasSuffix("?") || text.hasSuffix("&") ? text + setting : text + "&" + setting
    }

    /// The URI scheme `text` starts with, compared by bytes as libpq does (`String.hasPrefix` compares
    /// characters: `postgres://` followed by a combining mark does not have the prefix `postgres://`).
    static func uriScheme(_ text: String) -> String? {
        ["postgresql://", "postgres://"].first { text.utf8.starts(with: $0.utf8) }
    }

    /// Whether a URI has a query part, by libpq's grammar (`conninfo_uri_parse_options`): the user info
    /// runs to an `@` that comes before the first `/`; each host is a bracketed literal or runs to `:`, `/`,
    /// `?` or `,`; a port runs to `/`, `?` or `,`; the database name runs to `?`.
    static func uriHasQuery(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func byte(_ character: Character) -> UInt8 { character.asciiValue! }
        guard let scheme = uriScheme(text) else { return false }
        var index = scheme.utf8.count
        var scan = index
        while scan < bytes.count, bytes[scan] != byte("@"), bytes[scan] != byte("/") { scan += 1 }
        if scan < bytes.count, bytes[scan] == byte("@") { index = scan + 1 }
        func skip(until stops: String) {
            let stopBytes = Array(stops.utf8)
            while index < bytes.count, !stopBytes.contains(bytes[index]) { index += 1 }
        }
        while true {
            if index < bytes.count, bytes[index] == byte("[") {
                skip(until: "]")
                if index < bytes.count { index += 1 }
            } else {
                skip(until: ":/?,")
            }
            if index < bytes.count, bytes[index] == byte(":") {
                index += 1
                skip(until: "/?,")
            }
            guard index < bytes.count, bytes[index] == byte(",") else { break }
            index += 1
        }
        if index < bytes.count, bytes[index] == byte("/") { skip(until: "?") }
        return index < bytes.count && bytes[index] == byte("?")
    }
}
