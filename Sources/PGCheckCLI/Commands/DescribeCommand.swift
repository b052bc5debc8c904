import ArgumentParser
import Foundation
import PGCatalog
import PostgresWire
import PGJSON

/// `pgcheck describe NAME`: what `psql -c '\d+ NAME'` prints, without psql.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print what `psql -c '\\d+ NAME'` prints for a table, view, index or sequence.",
        discussion: """
            NAME follows psql's rules: `name` (the first match on the search_path), `schema.name`, \
            "Quoted" parts taken literally, unquoted letters folded to lower case, `*` and `?` as \
            wildcards (every match is described, ordered by schema and name). The text is byte for \
            byte psql 15's default output; --format json gives the same facts as structured JSON \
            (one object, or an array when the pattern matched several relations).

            Exit status: 0 described, 2 no such relation or bad input (the message is psql's, on \
            stderr), 3 connection failure, 4 server error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "Output format: text (psql's \\d+) or json.")
    var format: Format = .text

    @Argument(help: ArgumentHelp("The relation (a psql name pattern).", valueName: "name"))
    var name: String

    func run() throws {
        let configuration = try connection.configuration()
        let postgres = try PostgresConnection.connect(configuration, options: connection.sessionOptions())
        defer { postgres.close() }
        // The server's default search_path, as psql has it: it decides what a plain name finds
        // and how definitions qualify names.
        let session = try CatalogSession(connection: postgres, options: .init(searchPath: nil))
        let descriptions = try RelationDescriber(session: session).describeAll(name)
        try session.finish()
        FileHandle.standardOutput.write(try output(descriptions))
    }

    private func output(_ descriptions: [RelationDescription]) throws -> Data {
        switch format {
        case .text:
            return Data(descriptions.map(\.psqlText).joined().utf8)
        case .json:
            return descriptions.count == 1 ? try descriptions[0].jsonData() : try CanonicalJSONDocument.data(of: descriptions)
        }
    }
}
