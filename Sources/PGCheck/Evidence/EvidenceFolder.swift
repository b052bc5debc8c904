import Foundation
import PGCatalog
import PostgresWire
import PGSupport

/// An evidence folder: artefacts written atomically, each SHA-256 appended to a chain file in `sha256sum`
/// format, and an apply log that is only ever appended to.
///
/// Artefacts are immutable once chained. A later run that produces an artefact of the same name writes
/// `NAME.run2.EXT` (then run3...) instead of replacing it, so the whole chain keeps verifying with
/// `cd DIR && sha256sum -c CHAIN`. Every apply-log entry is also kept as its own chained file under
/// `apply-log.entries/`, which is how `pgcheck evidence verify` proves the log was appended to, never rewritten.
public final class EvidenceFolder {
    /// One written artefact.
    public struct Artefact: Sendable, Equatable {
        /// Its file name inside the folder.
        public let name: String
        /// Its SHA-256.
        public let digest: SHA256Digest
        /// Its size in bytes.
        public let size: Int
    }

    /// The folder.
    public let url: URL
    /// The chain file's name (e.g. `0003.sha256`).
    public let chainName: String
    /// The apply log's name (e.g. `apply-log.md`).
    public let logName: String
    private let secrets: [String]

    /// The folder holding one file per apply-log entry.
    public static let logEntriesFolder = entriesFolder(for: "apply-log.md")

    /// The append-only logs' names: the apply log, and the rollback log the staging runbook keeps.
    public static let rollbackLogName = "rollback_log.md"

    /// The folder holding one chained file per entry of the log `log` (`apply-log.md` → `apply-log.entries`).
    public static func entriesFolder(for log: String) -> String {
        (log.hasSuffix(".md") ? String(log.dropLast(3)) : log) + ".entries"
    }

    /// Opens (creating if needed) an evidence folder.
    ///
    /// - Parameter secrets: strings that must never be written (the connection's password); an artefact
    ///   containing one is refused with ``EvidenceError/secretInArtefact(_:)``.
    public init(url: URL, chainName: String, logName: String = "apply-log.md", secrets: [String] = []) throws {
        do {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(Self.logEntriesFolder), withIntermediateDirectories: true)
        } catch {
            throw EvidenceError.badFolder("cannot create the evidence folder \(url.path): \(error.localizedDescription)")
        }
        self.url = url
        self.chainName = chainName
        self.logName = logName
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    /// The name an artefact will get: `preferred`, or `preferred` with a `.runN` suffix when a file of that
    /// name already exists (artefacts are never replaced).
    public func availableName(for preferred: String) -> String {
        guard exists(preferred) else { return preferred }
        let base = (preferred as NSString).deletingPathExtension
        let ext = (preferred as NSString).pathExtension
        var run = 2
        while true {
            let candidate = ext.isEmpty ? "\(base).run\(run)" : "\(base).run\(run).\(ext)"
            if !exists(candidate) { return candidate }
            run += 1
        }
    }

    /// Writes an artefact atomically under ``availableName(for:)`` and appends its checksum to the chain.
    @discardableResult
    public func record(_ data: Data, as preferred: String) throws -> Artefact {
        let name = availableName(for: preferred)
        try refuseSecrets(in: data, name: name)
        try writeAtomically(data, name: name)
        return try chain(data, name: name)
    }

    /// Writes a text artefact (UTF-8).
    @discardableResult
    public func record(_ text: String, as preferred: String) throws -> Artefact {
        try record(Data(text.utf8), as: preferred)
    }

    /// Appends an entry to an append-only log (the apply log unless `log` names another, such as
    /// ``rollbackLogName``), keeping a chained copy of the entry so the log's history is provable.
    @discardableResult
    public func appendToLog(_ entry: String, log: String? = nil) throws -> Artefact {
        let log = log ?? logName
        let text = entry.hasSuffix("\n") ? entry : entry + "\n"
        let data = Data(text.utf8)
        try refuseSecrets(in: data, name: log)
        let folder = Self.entriesFolder(for: log)
        let folderURL = url.appendingPathComponent(folder)
        do {
            try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
        } catch {
            throw EvidenceError.io("cannot create \(folderURL.path): \(error.localizedDescription)")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: folderURL.path)
        let entryName = "\(folder)/\(String(format: "%04d", entries.count + 1)).md"
        // Entry file, then the log, then the chain: a run killed between any two steps leaves at most its
        // last entry unchained, which the verifier reads as an interrupted append, not a rewrite.
        try writeAtomically(data, name: entryName)
        try AppendOnlyFile.append(data, to: url.appendingPathComponent(log))
        return try chain(data, name: entryName)
    }

    private func chain(_ data: Data, name: String) throws -> Artefact {
        let digest = SHA256Hasher.hash(data)
        // Two spaces: sha256sum's text-mode separator, so `sha256sum -c` reads the chain as is.
        try AppendOnlyFile.append(Data("\(digest.hexString)  \(name)\n".utf8), to: url.appendingPathComponent(chainName))
        return Artefact(name: name, digest: digest, size: data.count)
    }

    private func writeAtomically(_ data: Data, name: String) throws {
        do {
            try AtomicFile.write(data, to: url.appendingPathComponent(name).path)
        } catch let error as AtomicFile.Failure {
            throw EvidenceError.io(error.description)
        }
    }

    private func refuseSecrets(in data: Data, name: String) throws {
        for secret in secrets where data.range(of: Data(secret.utf8)) != nil {
            throw EvidenceError.secretInArtefact(name)
        }
    }

    private func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
    }
}
