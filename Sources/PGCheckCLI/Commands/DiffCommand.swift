import ArgumentParser
import Foundation
import PGCatalog
import PGCheck
import PGDiff
import PostgresWire

/// `pgcheck diff PRE POST`: the structural difference between two snapshots (files or live databases).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two schema snapshots: objects added, removed and changed, property by property.",
        discussion: """
            PRE and POST are snapshot files written by `pgcheck snapshot`, or live databases: `db:URL` \
            (a postgres:// URI or key=value string; `db:` alone uses DATABASE_URL or the PG* variables), \
            or --pre-url / --post-url in place of an argument. A live side is captured on the spot in one \
            read-only transaction. (A file whose name starts with `db:` is written ./db:….)

            Objects are matched by kind and qualified name; capture metadata is ignored. An index or \
            constraint dropped and recreated under the same name is one changed entry listing what \
            differs. A renamed column (or any renamed object) shows as removed plus added: a snapshot \
            records names, not identities, so it cannot prove the two are the same column.

            Kinds for --only/--ignore: schema, extension, enum, domain, composite-type, sequence, function, \
            table, column, constraint, index, trigger, policy, view, materialized-view.

            Formats: text (grouped by table, + added, - removed, ~ changed; colour only on a terminal and \
            never with NO_COLOR), json (versioned: {"formatVersion": 1, "summary": …, "changes": […]}), \
            markdown (for an apply log).

            Exit status, as diff(1): 0 identical (text prints nothing), 1 differences, 2 bad input (a \
            missing, truncated or unreadable snapshot, an unknown kind), 3 connection failure, 4 server error.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot before, then the snapshot after: files, or db:URL.", valueName: "pre post"))
    var sides: [String] = []

    @Option(name: .long, help: ArgumentHelp("Capture the PRE side from this database instead of a file.", valueName: "url"))
    var preUrl: String?

    @Option(name: .long, help: ArgumentHelp("Capture the POST side from this database instead of a file.", valueName: "url"))
    var postUrl: String?

    @Option(name: .long, help: "text, json or markdown.")
    var format: DiffOutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Leave out changes of this kind (repeatable).", valueName: "kind"))
    var ignore: [String] = []

    @Option(name: .long, help: ArgumentHelp("Show only changes of this kind (repeatable).", valueName: "kind"))
    var only: [String] = []

    @Option(name: .customLong("schema"), help: ArgumentHelp("Show only changes in this schema (repeatable).", valueName: "name"))
    var schemas: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a live database's connection (libpq connect_timeout).", valueName: "seconds"))
    var connectTimeout: Double?

    @Flag(name: .long, help: "Log live connections' progress (never passwords) on stderr.")
    var verbose = false

    func run() throws {
        let filter = try changeFilter()
        let (pre, post) = try resolveSides()
        let diff = try SnapshotDiff(from: try load(pre, side: "pre"), to: try load(post, side: "post")).filtered(by: filter)
        switch format {
        case .text:
            let colors = TerminalColors.shouldColor(isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
            print(TextDiffRenderer(colors: colors).render(diff), terminator: "")
        case .json:
            FileHandle.standardOutput.write(try DiffDocument(diff).encodedJSON())
        case .markdown:
            print(MarkdownDiffRenderer().render(diff), terminator: "")
        }
        if !diff.isEmpty { throw ReportedFailure.checkFailed }
    }

    /// One side of the comparison.
    enum Side {
        case file(String)
        /// A database; nil means the environment's (DATABASE_URL, PG*).
        case database(url: String?)

        init(argument: String) {
            if argument.hasPrefix("db:") {
                let url = String(argument.dropFirst(3))
                self = .database(url: url.isEmpty ? nil : url)
            } else {
                self = .file(argument)
            }
        }
    }

    private func resolveSides() throws -> (Side, Side) {
        var arguments = sides.map(Side.init(argument:))[...]
        let pre = preUrl.map { Side.database(url: $0) } ?? arguments.popFirst()
        let post = postUrl.map { Side.database(url: $0) } ?? arguments.popFirst()
        guard let pre, let post, arguments.isEmpty else {
            throw VerifyError.invalidRequest("diff needs exactly two sides: PRE and POST snapshot files, db:URL arguments, or --pre-url/--post-url")
        }
        return (pre, post)
    }

    private func changeFilter() throws -> ChangeFilter {
        func kinds(_ names: [String], option: String) throws -> Set<ObjectKind> {
            Set(try names.flatMap { $0.split(separator: ",").map(String.init) }.map { name in
                guard let kind = ObjectKind(userInput: name) else {
                    let known = ObjectKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw VerifyError.invalidArgument("\(option) \(name): unknown kind; known kinds: \(known)")
                }
                return kind
            })
        }
        return ChangeFilter(only: try kinds(only, option: "--only"), ignore: try kinds(ignore, option: "--ignore"), schemas: Set(schemas))
    }

    private func load(_ side: Side, side name: String) throws -> Snapshot {
        switch side {
        case .file(let path):
            return try SnapshotLoader.read(path: path)
        case .database(let url):
            var arguments = url.map { ["--url", $0] } ?? []
            if let connectTimeout { arguments += ["--connect-timeout", String(connectTimeout)] }
            if verbose { arguments.append("--verbose") }
            let connection = try ConnectionOptions.parse(arguments)
            do {
                let result = try SnapshotLoader.capture(
                    configuration: try connection.configuration(), sessionOptions: connection.sessionOptions(),
                    options: SnapshotOptions(schemas: schemas))
                for warning in result.warnings { printError("pgcheck: warning: \(name): \(warning.message)") }
                return result.snapshot
            } catch let error as ClientError {
                throw ClientError(error.phase, "\(name) database: \(error.message)")
            }
        }
    }
}

/// The output formats of `pgcheck diff`.
enum DiffOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}
