import Foundation
import PostgresWire

/// Re-checks an evidence folder: `pgcheck evidence verify DIR`.
///
/// Every line of every chain file (`*.sha256`) must name a file that exists with that SHA-256 (what
/// `sha256sum -c` checks); every artefact the apply log mentions must exist; and the apply log must be exactly
/// its chained entries in order — proof that it was only ever appended to.
public struct EvidenceVerifier: Sendable {
    /// One problem found.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file concerned.
        public let file: String
        /// What is wrong with it.
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// The outcome.
    public struct Report: Sendable, Equatable {
        /// Files whose checksum matched.
        public let verified: [String]
        /// Everything that did not hold.
        public let problems: [Problem]
        /// Whether the folder verified.
        public var isIntact: Bool { problems.isEmpty && !verified.isEmpty }
    }

    /// The apply log's name.
    public var logName: String

    /// Creates a verifier.
    public init(logName: String = "apply-log.md") { self.logName = logName }

    /// Checks the folder at `url`.
    ///
    /// - Throws: ``EvidenceError/badFolder(_:)`` when it is not an evidence folder at all.
    public func verify(_ url: URL) throws -> Report {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: url.path) else {
            throw EvidenceError.badFolder("\(url.path) is not a readable folder")
        }
        let chains = names.filter { $0.hasSuffix(".sha256") }.sorted()
        guard !chains.isEmpty else {
            throw EvidenceError.badFolder("\(url.path) has no chain file (*.sha256); is it an evidence folder?")
        }
        var verified: [String] = []
        var problems: [Problem] = []
        for chain in chains {
            guard let text = try? String(contentsOf: url.appendingPathComponent(chain), encoding: .utf8) else {
                problems.append(Problem(file: chain, reason: "cannot be read"))
                continue
            }
            for (number, line) in text.split(separator: "\n").enumerated() {
                guard let (expected, name) = Self.parse(line) else {
                    problems.append(Problem(file: chain, reason: "line \(number + 1) is not in sha256sum format"))
                    continue
                }
                guard let data = fileManager.contents(atPath: url.appendingPathComponent(name).path) else {
                    problems.append(Problem(file: name, reason: "listed in \(chain) but missing"))
                    continue
                }
                if SHA256Hasher.hash(data).hexString == expected {
                    verified.append(name)
                } else {
                    problems.append(Problem(file: name, reason: "checksum does not match \(chain): the file changed after it was recorded"))
                }
            }
        }
        // Every append-only log: the apply log, and any other log kept with chained entries (rollback_log.md).
        let logs = Set([logName] + names.filter { $0.hasSuffix(".md") && names.contains(EvidenceFolder.entriesFolder(for: $0)) })
        for log in logs.sorted() { problems += checkLog(log, in: url, chained: Set(verified)) }
        return Report(verified: verified, problems: problems)
    }

    /// The log must equal its entries concatenated, and every artefact it names must exist.
    private func checkLog(_ logName: String, in url: URL, chained: Set<String>) -> [Problem] {
        let fileManager = FileManager.default
        guard let log = try? String(contentsOf: url.appendingPathComponent(logName), encoding: .utf8) else { return [] }
        let entriesFolderName = EvidenceFolder.entriesFolder(for: logName)
        let entriesFolder = url.appendingPathComponent(entriesFolderName)
        let entryNames = ((try? fileManager.contentsOfDirectory(atPath: entriesFolder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        var problems: [Problem] = []
        var expected = ""
        var interrupted: String?
        for (position, name) in entryNames.enumerated() {
            let path = "\(entriesFolderName)/\(name)"
            let text = (try? String(contentsOf: entriesFolder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            if !chained.contains(path) {
                // Only the newest entry may lack its checksum: a run killed while appending it.
                if position == entryNames.count - 1 {
                    interrupted = text
                    continue
                }
                problems.append(Problem(file: path, reason: "\(logName) entry is not in any chain file"))
            }
            expected += text
        }
        if log != expected && log != expected + (interrupted ?? "") {
            problems.append(Problem(file: logName, reason: "is not exactly its recorded entries in order: it was edited or rewritten, not only appended to"))
        }
        for name in Self.artefactNames(in: log) where !fileManager.fileExists(atPath: url.appendingPathComponent(name).path) {
            problems.append(Problem(file: name, reason: "named in \(logName) but missing"))
        }
        return problems
    }

    /// Artefact names written in the log as `` `name` `` (how pgcheck's log entries cite their files).
    static func artefactNames(in log: String) -> [String] {
        var names: [String] = []
        for part in log.split(separator: "`").enumerated() where part.offset % 2 == 1 {
            let candidate = String(part.element)
            if candidate.range(of: #"^[A-Za-z0-9._/-]+\.(json|diff|txt|log|md|sha256|csv)$"#, options: .regularExpression) != nil {
                names.append(candidate)
            }
        }
        return names
    }

    static func parse(_ line: Substring) -> (String, String)? {
        let parts = line.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 64 else { return nil }
        var name = String(parts[1])
        if name.hasPrefix(" ") || name.hasPrefix("*") { name.removeFirst() }
        return (String(parts[0]), name)
    }
}
