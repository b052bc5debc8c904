import Foundation

/// A libpq password file (`~/.pgpass`, or `PGPASSFILE` / `passfile`).
///
/// Each line is `hostname:port:database:username:password`. Each of the first four fields is a
/// literal or `*`, which matches anything; `\:` and `\\` stand for `:` and `\`. Lines starting
/// with `#` are comments. The first matching line wins. As in libpq, the host `localhost` also
/// matches a connection through the default Unix socket directory or with no host at all.
public struct PgPassFile: Sendable {
    /// The non-comment lines, as bytes with any trailing CR/LF removed.
    private let entries: [[UInt8]]

    /// Socket directories that count as `localhost`. libpq names only its own compiled-in
    /// directory; pgcheck tries both Debian's and upstream's
    /// (``ConnectionConfiguration/defaultSocketDirectories``), so both count.
    public static let localhostSocketDirectories = ConnectionConfiguration.defaultSocketDirectories

    /// Reads the lines of a password file's contents.
    public init(contents: String) {
        entries = Array(contents.utf8)
            .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .map { line in Array(line.reversed().drop { $0 == UInt8(ascii: "\r") }.reversed()) }
            .filter { !$0.isEmpty && $0.first != UInt8(ascii: "#") }
    }

    /// Reads the password file at `path`, with libpq's checks.
    ///
    /// - Returns: nil if there is no file there (or it cannot be read), which is not an error.
    /// - Throws: ``ClientError`` (`.configuration`) when the file exists but libpq would refuse
    ///   it: it is not a regular file, or its group or others have any access. libpq prints that
    ///   text as a `WARNING:` and carries on without the file; so does
    ///   ``ConnectionConfiguration/lookUpPassword(for:)``, which reports it in
    ///   ``PasswordLookup/warning``.
    public static func load(path: String) throws -> PgPassFile? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let fileType = status.st_mode & S_IFMT
        guard fileType == S_IFREG else {
            throw ClientError(.configuration, "password file \"\(path)\" is not a plain file")
        }
        // Any group or other bit, read, write or execute, as libpq's S_IRWXG | S_IRWXO test.
        guard status.st_mode & (S_IRWXG | S_IRWXO) == 0 else {
            throw ClientError(
                .configuration,
                "password file \"\(path)\" has group or world access; permissions should be u=rw (0600) or less")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return PgPassFile(contents: String(decoding: data, as: UTF8.self))
    }

    /// The password of the first line matching the connection, if any.
    ///
    /// `host` is the endpoint's host (or its `hostaddr` when it has no host name). An empty host,
    /// or one of ``localhostSocketDirectories``, is looked up as `localhost`. Empty `database`
    /// or `user` never match, as in libpq.
    public func password(host: String, port: Int, database: String, user: String) -> String? {
        guard !database.isEmpty, !user.isEmpty else { return nil }
        let hostKey = host.isEmpty || Self.localhostSocketDirectories.contains(host) ? "localhost" : host
        let wanted = [hostKey, String(port), database, user].map { Array($0.utf8) }
        for entry in entries {
            var position = entry.startIndex
            var matched = true
            for field in wanted {
                guard let next = Self.matchField(entry, from: position, token: field) else {
                    matched = false
                    break
                }
                position = next
            }
            if matched { return Self.unescapedPassword(entry[position...]) }
        }
        return nil
    }

    /// libpq's `pwdfMatchesString`: whether the field starting at `start` is `*` or equals
    /// `token` once unescaped; if so, where the next field starts.
    private static func matchField(_ line: [UInt8], from start: Int, token: [UInt8]) -> Int? {
        let colon = UInt8(ascii: ":")
        let backslash = UInt8(ascii: "\\")
        if start + 1 < line.count, line[start] == UInt8(ascii: "*"), line[start + 1] == colon {
            return start + 2
        }
        var index = start
        var tokenIndex = 0
        while index < line.count {
            var escaped = false
            if line[index] == backslash {
                index += 1
                escaped = true
                guard index < line.count else { return nil }
            }
            if line[index] == colon, !escaped, tokenIndex == token.count {
                return index + 1
            }
            guard tokenIndex < token.count, line[index] == token[tokenIndex] else { return nil }
            index += 1
            tokenIndex += 1
        }
        return nil
    }

    /// The rest of the line up to the first unescaped `:`, with `\x` turned into `x`.
    private static func unescapedPassword(_ rest: ArraySlice<UInt8>) -> String {
        var password: [UInt8] = []
        var index = rest.startIndex
        while index < rest.endIndex, rest[index] != UInt8(ascii: ":") {
            if rest[index] == UInt8(ascii: "\\"), index + 1 < rest.endIndex {
                index += 1
            }
            password.append(rest[index])
            index += 1
        }
        return String(decoding: password, as: UTF8.self)
    }
}
