import Foundation

/// The password to send to one endpoint, where it came from, and any warning libpq would have
/// printed while looking for it.
///
/// Printing a lookup never shows the password.
public struct PasswordLookup: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// Where a password came from.
    public enum Source: Sendable, Equatable {
        /// The connection string's `password`, or `PGPASSWORD`.
        case given
        /// A line of the password file at this path. After a failed password authentication
        /// (SQLSTATE 28P01) libpq adds `password retrieved from file "<path>"`; so can the caller.
        case passwordFile(path: String)
        /// No password was found.
        case none
    }

    /// The password, or nil when there is none.
    public var password: String?
    /// Where ``password`` came from.
    public var source: Source
    /// Text libpq would print as `WARNING: ...` on standard error, e.g. that the password file
    /// "has group or world access"; the file was then ignored, which is not an error.
    public var warning: String?

    public var description: String {
        switch source {
        case .given: "password given in the connection settings"
        case .passwordFile(let path): "password from \"\(path)\""
        case .none: "no password" + (warning.map { " (\($0))" } ?? "")
        }
    }

    /// Shows the source and warning but never the password, so that `dump(lookup)` is safe.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["password": password == nil ? "nil" : "<redacted>", "source": source, "warning": warning as Any],
            displayStyle: .struct)
    }
}

extension ConnectionConfiguration {
    /// The password file consulted when no password is given: ``passfile``, else `.pgpass` in
    /// ``homeDirectory``. Nil when there is no home directory.
    public var passwordFilePath: String? {
        if let passfile { return passfile }
        return homeDirectory.map { $0.hasSuffix("/") ? "\($0).pgpass" : "\($0)/.pgpass" }
    }

    /// Finds the password for `endpoint` with libpq's rules: ``password`` if set, else the first
    /// matching line of the password file, keyed by the endpoint's host (its `hostaddr` when the
    /// host is empty), port, ``database`` and ``user``. Never throws: an unusable password file is
    /// skipped with a ``PasswordLookup/warning``, as libpq does.
    public func lookUpPassword(for endpoint: Endpoint) -> PasswordLookup {
        if let password, !password.isEmpty {
            return PasswordLookup(password: password, source: .given, warning: nil)
        }
        guard let path = passwordFilePath else {
            return PasswordLookup(password: nil, source: .none, warning: nil)
        }
        let file: PgPassFile?
        do {
            file = try PgPassFile.load(path: path)
        } catch let error as ClientError {
            return PasswordLookup(password: nil, source: .none, warning: error.message)
        } catch {
            return PasswordLookup(password: nil, source: .none, warning: "\(error)")
        }
        let host = endpoint.host.isEmpty ? (endpoint.hostaddr ?? "") : endpoint.host
        // A matching line with an empty password still ends the search, and means "no password".
        guard let found = file?.password(host: host, port: endpoint.port, database: database, user: user),
            !found.isEmpty
        else {
            return PasswordLookup(password: nil, source: .none, warning: nil)
        }
        return PasswordLookup(password: found, source: .passwordFile(path: path), warning: nil)
    }

    /// The password to use for `endpoint`: ``password`` if set, else the password file's entry
    /// (libpq rules), else nil. See ``lookUpPassword(for:)`` for where it came from.
    public func resolvedPassword(for endpoint: Endpoint) -> String? {
        lookUpPassword(for: endpoint).password
    }
}
