import Foundation

/// The runner's command line (run.sh passes the build products; people pass the sizes).
struct BenchmarkOptions {
    /// Rows in `usage_events`.
    var rows = 5_000_000
    /// Measured rounds of the streaming contestants (each round runs every contestant once).
    var repetitions = 3
    /// Measured rounds of the connection set-up pair.
    var connectRepetitions = 30
    /// Measured rounds of snapshot against pg_dump, and of diff.
    var catalogRepetitions = 3
    /// Which parts run.
    var parts: Set<Part> = Set(Part.allCases)
    /// The release build folder holding `pgcheck` and `stream-rows`.
    var binaryFolder = ""
    /// The compiled libpq reference client (text, or binary with --binary).
    var libpqClient = ""
    /// The compiled libpq CSV writer.
    var libpqCSVWriter = ""
    /// The compiled rusage_run wrapper every measured command runs under.
    var rusageWrapper = ""
    /// XCTest output of the micro-benchmarks, to summarise (optional).
    var microOutput: String?
    /// The Markdown file a dated section is appended to.
    var resultsPath = ""
    /// A remark for the section (e.g. what changed since the last run).
    var note: String?
    /// How the measured programs were built (run.sh says), for the report.
    var buildDescription: String?

    enum Part: String, CaseIterable {
        case streaming, connect, catalog
    }

    static let usage = """
        usage: pgcheck-bench --bin DIR --libpq-client PATH --libpq-csv PATH --rusage-run PATH --results FILE [--rows N] [--reps N]
                             [--connect-reps N] [--catalog-reps N] [--only streaming,connect,catalog]
                             [--micro XCTEST_OUTPUT] [--note TEXT] [--build-description TEXT]
        """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = remaining.popFirst() else { throw BenchmarkError("\(flag) needs a value\n\(usage)") }
            return next
        }
        func count(_ flag: String) throws -> Int {
            let text = try value(flag).replacingOccurrences(of: "_", with: "")
            guard let number = Int(text), number > 0 else { throw BenchmarkError("\(flag) needs a positive whole number, not \(text)") }
            return number
        }
        while let flag = remaining.popFirst() {
            switch flag {
            case "--rows": options.rows = try count(flag)
            case "--reps": options.repetitions = try count(flag)
            case "--connect-reps": options.connectRepetitions = try count(flag)
            case "--catalog-reps": options.catalogRepetitions = try count(flag)
            case "--bin": options.binaryFolder = try value(flag)
            case "--libpq-client": options.libpqClient = try value(flag)
            case "--libpq-csv": options.libpqCSVWriter = try value(flag)
            case "--rusage-run": options.rusageWrapper = try value(flag)
            case "--micro": options.microOutput = try value(flag)
            case "--results": options.resultsPath = try value(flag)
            case "--note": options.note = try value(flag)
            case "--build-description": options.buildDescription = try value(flag)
            case "--only":
                let names = try value(flag).split(separator: ",").map(String.init)
                options.parts = try Set(names.map { name in
                    guard let part = Part(rawValue: name) else {
                        throw BenchmarkError("--only takes streaming, connect or catalog, not \(name)")
                    }
                    return part
                })
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                throw BenchmarkError("unknown argument \(flag)\n\(usage)")
            }
        }
        guard !options.binaryFolder.isEmpty, !options.resultsPath.isEmpty, !options.rusageWrapper.isEmpty else { throw BenchmarkError(usage) }
        if options.parts.contains(.streaming), options.libpqClient.isEmpty || options.libpqCSVWriter.isEmpty { throw BenchmarkError(usage) }
        return options
    }

    /// A built executable in ``binaryFolder``.
    func binary(_ name: String) -> String { (binaryFolder as NSString).appendingPathComponent(name) }
}
