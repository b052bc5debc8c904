import Foundation

extension Snapshot {
    /// Capture metadata: when, from which server and database, and with which scope. Never credentials.
    ///
    /// This is the only part of a snapshot that differs between two captures of the same schema.
    public struct Meta: Codable, Sendable, Equatable {
        /// The server's clock when the capture's transaction began, in UTC, ISO 8601 with microseconds
        /// (`2024-05-01T12:34:56.123456Z`). Kept as text so it round-trips exactly.
        public var capturedAt: String
        /// The server's `server_version` (e.g. `15.18 (Debian 15.18-0+deb12u1)`).
        public var serverVersion: String
        /// The server's `server_version_num` (e.g. `150018`).
        public var serverVersionNumber: Int
        /// The database the snapshot was taken from.
        public var database: String
        /// The host the client connected to (a Unix-socket directory for socket connections).
        public var host: String
        /// The port the client connected to.
        public var port: Int
        /// Which parts of the database were captured.
        public var scope: Scope

        /// Creates capture metadata.
        public init(capturedAt: String, serverVersion: String, serverVersionNumber: Int, database: String, host: String, port: Int, scope: Scope) {
            self.capturedAt = capturedAt
            self.serverVersion = serverVersion
            self.serverVersionNumber = serverVersionNumber
            self.database = database
            self.host = host
            self.port = port
            self.scope = scope
        }

        /// ``capturedAt`` as a `Date`, or nil if the text is not ISO 8601.
        public var capturedAtDate: Date? {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: capturedAt)
        }
    }

    /// The selection a snapshot was captured with: two snapshots are only comparable when their scopes match.
    public struct Scope: Codable, Sendable, Equatable {
        /// The schemas asked for by name, sorted; nil means every user schema.
        public var schemas: [String]?
        /// Whether `pg_catalog` and `information_schema` were included.
        public var includesSystemSchemas: Bool
        /// Whether objects that belong to extensions were included.
        public var includesExtensionObjects: Bool

        /// Creates a scope.
        public init(schemas: [String]? = nil, includesSystemSchemas: Bool = false, includesExtensionObjects: Bool = false) {
            self.schemas = schemas
            self.includesSystemSchemas = includesSystemSchemas
            self.includesExtensionObjects = includesExtensionObjects
        }
    }
}
