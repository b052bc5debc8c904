import Foundation
import Yams
import PGSupport

/// A reviewed runbook file (YAML), the same inputs as `pgcheck runbook`'s flags; flags win.
///
/// ```yaml
/// label: "0003"
/// migrations: ../drizzle                 # the Drizzle folder (status, and the native apply)
/// to: 0003_usage_event_windows           # apply pending migrations through this tag
/// # apply-command: pnpm drizzle-kit push # or let an external command apply them
/// evidence: audit/migration-prechecks
/// describe: [usage_events]
/// expectations: ../expectations/usage-events-0003.yaml
/// smoke: ../smoke/usage-events-0003.yaml
/// operator: alice
/// rehearse:                              # the lock rehearsal before the apply
///   url: postgres://…@branch-host/app    # a rehearsal database (Neon branch); default: a throwaway cluster
///   seed: ../seed/usage_events_seed.sql  # data for the throwaway cluster
///   accept-hazards: [index-build]        # kinds the operator accepts on purpose
///   max-blocked: 1                       # seconds a table may be blocked
/// ```
/// Relative input paths (migrations, expectations, smoke) are relative to the runbook file's folder; the
/// evidence folder, an output, is relative to the current directory, like `--evidence`.
public struct RunbookFile: Sendable, Equatable, Decodable {
    /// The artefact label (`0003`); defaults to the number in front of `to`.
    public var label: String?
    /// The Drizzle migrations folder.
    public var migrations: String?
    /// The last migration tag to apply.
    public var to: String?
    /// An external apply command.
    public var applyCommand: String?
    /// The evidence folder.
    public var evidence: String?
    /// Tables to capture with `\d+`.
    public var describe: [String]?
    /// A schema expectations file (see `pgcheck verify --file`).
    public var expectations: String?
    /// A smoke file (see `pgcheck smoke --file`).
    public var smoke: String?
    /// Who applies.
    public var `operator`: String?
    /// Seconds the apply may wait for a lock.
    public var lockTimeout: Double?
    /// The lock rehearsal before the apply.
    public var rehearse: Rehearse?

    /// The `rehearse:` section.
    public struct Rehearse: Sendable, Equatable, Decodable {
        /// A rehearsal database's connection string.
        public var url: String?
        /// An SQL file loaded into the throwaway cluster (relative to the runbook file).
        public var seed: String?
        /// Hazard kinds accepted on purpose.
        public var acceptHazards: [String]?
        /// Seconds a table may be blocked before it is a hazard.
        public var maxBlocked: Double?
        /// `false` skips the rehearsal.
        public var enabled: Bool?

        enum CodingKeys: String, CodingKey {
            case url, seed, enabled
            case acceptHazards = "accept-hazards"
            case maxBlocked = "max-blocked"
        }
    }

    enum CodingKeys: String, CodingKey {
        case label, migrations, to, evidence, describe, expectations, smoke, `operator`, rehearse
        case applyCommand = "apply-command"
        case lockTimeout = "lock-timeout"
    }

    /// The folder relative paths are resolved against.
    public var baseFolder = URL(fileURLWithPath: ".")

    /// Reads a runbook file.
    ///
    /// - Throws: ``RunbookFileError`` naming the file and the problem.
    public static func load(path: String) throws -> RunbookFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw RunbookFileError(message: "cannot read the runbook file \(path)")
        }
        var file: RunbookFile
        do {
            file = try YAMLDecoder().decode(RunbookFile.self, from: text)
        } catch {
            throw RunbookFileError(message: "\(path) is not a valid runbook file: \(error)")
        }
        file.baseFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return file
    }

    /// A path from the file, resolved against ``baseFolder``.
    public func resolve(_ path: String?) -> URL? {
        guard let path else { return nil }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseFolder.appendingPathComponent(path).standardizedFileURL
    }

    public static func == (lhs: RunbookFile, rhs: RunbookFile) -> Bool {
        lhs.label == rhs.label && lhs.migrations == rhs.migrations && lhs.to == rhs.to && lhs.applyCommand == rhs.applyCommand
            && lhs.evidence == rhs.evidence && lhs.describe == rhs.describe && lhs.expectations == rhs.expectations
            && lhs.smoke == rhs.smoke && lhs.operator == rhs.operator && lhs.lockTimeout == rhs.lockTimeout
            && lhs.rehearse == rhs.rehearse
    }
}

/// A runbook file that cannot be used.
public struct RunbookFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the file.
    public let message: String
    /// Creates the error.
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension RunbookFileError: ClassifiedError {
    /// A runbook file that cannot be used is bad input.
    public var failureKind: FailureKind { .badInput }
}
