import Foundation

/// Everything one run measured, rendered as a dated Markdown section appended to RESULTS.md.
struct ResultsReport {
    var machine: MachineInfo
    var rows: Int
    var repetitions: Int
    var serverVersion: String
    var loadBefore: Double
    /// Other processes' share of all cores during the run (see ``OtherLoadMonitor``).
    var otherLoad: Double = 0
    var note: String?
    var buildDescription: String?
    var streaming: [ContestantSamples] = []
    var csvBytes = 0
    var connection: [ContestantSamples] = []
    var catalog: CatalogBenchmark.Results?
    var micro: [MicroResult] = []

    private static let mebibyte = 1024.0 * 1024.0

    func markdown() -> String {
        var lines: [String] = []
        lines.append("## \(machine.date) — \(Self.grouped(rows)) rows, \(repetitions) rounds")
        lines.append("")
        lines.append("Machine: \(machine.processors) × \(machine.cpuModel), \(machine.memory), \(machine.kernel); "
            + "PostgreSQL \(serverVersion) on the same machine; every client over TCP to 127.0.0.1 with "
            + "`sslmode=require` (TLS 1.3) and SCRAM-SHA-256.")
        let busy = otherLoad > 0.1
        lines.append("Load average before the run: \(Spread.number(loadBefore, 2)); other processes used "
            + "\(Spread.number(otherLoad * 100, 0)) % of the machine's CPU during it"
            + (busy ? " — **the machine was busy** (other engineers' builds); ratios are paired per round, absolute times are noisy." : " (quiet)."))
        if let buildDescription { lines.append("Build: \(buildDescription)") }
        if let note { lines.append("Note: \(note)") }
        lines.append("")
        if !streaming.isEmpty { lines += streamingTable() }
        if !connection.isEmpty { lines += connectionTable() }
        if let catalog { lines += catalogTable(catalog) }
        if !micro.isEmpty { lines += microTable() }
        lines += targetsTable()
        lines += closingNote()
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Tables

    private func streamingTable() -> [String] {
        let size = csvBytes > 0 ? " (\(Self.grouped(rows)) rows, \(Spread.number(Double(csvBytes) / 1e9, 2)) GB as CSV)" : ""
        var lines = [
            "### Streaming\(size)",
            "",
            "Every contestant runs once per round, in a rotated order; ratios are to the reference (*) of the same table in the "
                + "same round. Server CPU is the PostgreSQL server's CPU time for the same command (its backend's, from /proc): "
                + "the floor under the wall time, since no client finishes before the server has produced the rows.",
            "",
        ]
        for group in StreamingBenchmark.Group.allCases {
            let members = streaming.filter { $0.group == group.rawValue }
            guard let reference = members.first(where: \.isReference) else { continue }
            lines.append("#### \(group.title(rows: rows))")
            lines.append("")
            lines.append("| client | wall s | client CPU s (user+sys) | server CPU s | peak RSS MiB | rows/s | wall / ref | CPU / ref |")
            lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
            for contestant in members {
                let rate = Double(contestant.rows) / contestant.wall.median
                let name = contestant.isReference ? "\(contestant.name) *" : contestant.name
                lines.append("| \(name) | \(contestant.wall.formatted(2)) | \(contestant.cpu.formatted(2)) | "
                    + "\(contestant.server.formatted(2)) | \(contestant.peakRSS.formatted(1, scale: Self.mebibyte)) | "
                    + "\(Self.grouped(Int(rate))) | \(contestant.ratio(to: reference, \.wall).formatted(2)) | "
                    + "\(contestant.ratio(to: reference, \.cpu).formatted(2)) |")
            }
            lines.append("")
        }
        lines.append("Medians of \(repetitions) rounds (min–max); ratios are medians of the per-round ratios. Commands:")
        var listed = Set<String>()
        for contestant in streaming where listed.insert(contestant.commandLine).inserted {
            lines.append("- \(contestant.name): `\(contestant.commandLine)`")
        }
        lines.append("")
        return lines
    }

    /// A contestant of a streaming group.
    private func streamed(_ name: String, in group: StreamingBenchmark.Group) -> ContestantSamples? {
        streaming.first { $0.name == name && $0.group == group.rawValue }
    }

    private func connectionTable() -> [String] {
        var lines = [
            "### Connection set-up: TCP + TLS + SCRAM-SHA-256, then `select 1` (\(connection.first?.samples.count ?? 0) rounds)",
            "",
            "| command | wall ms | client CPU ms | peak RSS MiB | wall / psql |",
            "| --- | --- | --- | --- | --- |",
        ]
        let psql = connection.last
        for contestant in connection {
            let ratio = psql.map { contestant.ratio(to: $0, \.wall).formatted(2) } ?? "–"
            lines.append("| \(contestant.name) | \(contestant.wall.formatted(1, scale: 1e-3)) | \(contestant.cpu.formatted(1, scale: 1e-3)) | "
                + "\(contestant.peakRSS.formatted(1, scale: Self.mebibyte)) | \(ratio) |")
        }
        lines.append("")
        lines += connection.map { "- \($0.name): `\($0.commandLine)`" }
        lines.append("")
        return lines
    }

    private func catalogTable(_ catalog: CatalogBenchmark.Results) -> [String] {
        var lines = [
            "### Catalog: 2,000 tables × 15 columns, 4,000 indexes, 1,000 foreign keys, 400 views, 410 functions",
            "",
            "| command | wall s | client CPU s | peak RSS MiB | wall / pg_dump |",
            "| --- | --- | --- | --- | --- |",
        ]
        let dump = catalog.snapshot.last
        for contestant in catalog.snapshot + catalog.diff {
            let ratio = catalog.snapshot.contains { $0.name == contestant.name } && dump != nil
                ? contestant.ratio(to: dump!, \.wall).formatted(2) : "–"
            lines.append("| \(contestant.name) | \(contestant.wall.formatted(3)) | \(contestant.cpu.formatted(3)) | "
                + "\(contestant.peakRSS.formatted(1, scale: Self.mebibyte)) | \(ratio) |")
        }
        lines.append("")
        lines.append("Snapshot: \(Spread.number(Double(catalog.snapshotBytes) / 1e6, 1)) MB of JSON; the diff against the changed copy "
            + "prints \(catalog.diffLines) lines. Commands:")
        lines += (catalog.snapshot + catalog.diff).map { "- \($0.name): `\($0.commandLine)`" }
        lines.append("")
        return lines
    }

    private func microTable() -> [String] {
        var lines = [
            "### Micro-benchmarks (XCTest `measure`, release build)",
            "",
            "| benchmark | operations per block | per operation | block s (min–max) | relative std. dev. |",
            "| --- | --- | --- | --- | --- |",
        ]
        for result in micro {
            lines.append("| \(result.name) | \(Self.grouped(result.operations)) | \(Self.duration(nanoseconds: result.nanosecondsPerOperation)) | "
                + "\(Spread.number(result.average, 4)) (\(Spread.number(result.minimum, 4))–\(Spread.number(result.maximum, 4))) | \(result.relativeDeviation) |")
        }
        lines.append("")
        return lines
    }

    private func targetsTable() -> [String] {
        var lines = ["### Targets", "", "| target | measured | met |", "| --- | --- | --- |"]
        func row(_ target: String, _ measured: String, _ met: Bool?) {
            lines.append("| \(target) | \(measured) | \(met.map { $0 ? "yes" : "**no**" } ?? "not measured") |")
        }
        func ratio(_ spread: Spread) -> String { "\(Spread.number(spread.median, 2))×" }
        let mib = Self.mebibyte
        // Issue 17, 1: smoke output at the binary floor.
        if let smoke = streamed(StreamingBenchmark.smoke, in: .smoke), let writer = streamed(StreamingBenchmark.libpqCSV, in: .smoke) {
            let wall = smoke.ratio(to: writer, \.wall)
            row("smoke csv wall ≤ 0.75× the libpq CSV writer's", ratio(wall), wall.median <= 0.75)
            let peak = smoke.peakRSS.maximum / mib
            row("smoke csv peak RSS ≤ 32 MiB", "\(Spread.number(peak, 1)) MiB", peak <= 32)
            row("smoke csv output identical to psql --csv", csvBytes > 0 ? "the same \(Self.grouped(csvBytes)) bytes" : "–", csvBytes > 0)
        }
        for name in [StreamingBenchmark.psqlCSV, StreamingBenchmark.psqlCopy] {
            if let smoke = streamed(StreamingBenchmark.smoke, in: .smoke), let other = streamed(name, in: .smoke) {
                let wall = smoke.ratio(to: other, \.wall).median
                row("smoke csv faster than \(name)", "\(Spread.number(wall, 2))× its wall", wall < 1)
            }
        }
        // Issue 17, 2: the async API without a main-actor cliff.
        for group in [StreamingBenchmark.Group.async1M, .asyncAll] {
            let members = streaming.filter { $0.group == group.rawValue }
            guard let blocking = members.first(where: \.isReference) else { continue }
            let size = Self.grouped(blocking.rows)
            if let main = members.first(where: { $0.name == StreamingBenchmark.mainActor }) {
                let wall = main.ratio(to: blocking, \.wall)
                row("async on the main actor ≤ 1.5× the blocking API's wall (\(size) rows)", ratio(wall), wall.median <= 1.5)
            }
            if let detached = members.first(where: { $0.name == StreamingBenchmark.detached }) {
                let wall = detached.ratio(to: blocking, \.wall)
                row("async in a detached task ≤ 1.2× the blocking API's wall (\(size) rows)", ratio(wall), wall.median <= 1.2)
            }
            let asyncPeak = members.filter { !$0.isReference }.map { $0.peakRSS.maximum / mib }.max() ?? 0
            row("async peak RSS ≤ 40 MiB (\(size) rows)", "\(Spread.number(asyncPeak, 1)) MiB", asyncPeak <= 40)
        }
        // Issue 17, 3: like for like.
        let library = streamed(StreamingBenchmark.library, in: .library)
        if let library, let libpq = streamed(StreamingBenchmark.libpqBinary, in: .library) {
            let wall = library.ratio(to: libpq, \.wall)
            let cpu = library.ratio(to: libpq, \.cpu)
            // Whether the server was the bottleneck: a wall no longer than the server's own CPU time for
            // the rows is at the floor, whichever client is reading.
            func floor(_ result: ContestantSamples) -> String { Spread.number(result.wall.median / max(result.server.median, 1e-9), 2) }
            row("library wall ≤ 0.85× libpq binary's",
                "\(ratio(wall)) (wall / the server's CPU for the same rows: the library \(floor(library))×, libpq binary \(floor(libpq))×)",
                wall.median <= 0.85)
            row("library client CPU ≤ 0.4× libpq binary's", ratio(cpu), cpu.median <= 0.4)
            let peak = library.peakRSS.maximum / mib
            var measured = "\(Spread.number(peak, 1)) MiB at \(Self.grouped(rows)) rows"
            var flat = true
            if let small = streamed(StreamingBenchmark.librarySmall, in: .library) {
                let smallPeak = small.peakRSS.maximum / mib
                measured += ", \(Spread.number(smallPeak, 1)) MiB at 100,000"
                flat = abs(peak - smallPeak) <= 2
            }
            row("library peak RSS ≤ 32 MiB, the same at 100k and \(Self.grouped(rows)) rows", measured, peak <= 32 && flat)
        } else {
            row("streaming against libpq", "–", nil)
        }
        if let library, let peer = streamed(StreamingBenchmark.postgresNIO, in: .library) {
            let wall = library.ratio(to: peer, \.wall).median
            let cpu = library.ratio(to: peer, \.cpu).median
            row("library faster than PostgresNIO (the Swift peer)",
                "\(Spread.number(wall, 2))× its wall, \(Spread.number(cpu, 2))× its CPU", wall < 1 && cpu < 1)
        }
        if let catalog, let snapshot = catalog.snapshot.first, let dump = catalog.snapshot.last {
            let ratio = snapshot.ratio(to: dump, \.wall).median
            row("snapshot ≤ 0.5× pg_dump --schema-only", "\(Spread.number(ratio, 2))×", ratio <= 0.5)
        }
        if let diff = catalog?.diff.first {
            row("diff of two large snapshots < 1 s", "\(diff.wall.medianText(3)) s", diff.wall.median < 1)
        }
        if let ping = connection.first, let psql = connection.last {
            let ratio = ping.ratio(to: psql, \.wall).median
            row("connection set-up no slower than psql", "\(Spread.number(ratio, 2))× psql's wall", ratio <= 1)
        }
        lines.append("")
        return lines
    }

    /// The medians to quote: smoke against the CSV writer, the async API against the blocking one, the
    /// library against libpq binary, at the full size.
    private func closingNote() -> [String] {
        var parts: [String] = []
        func seconds(_ spread: Spread) -> String { "\(Spread.number(spread.median, 2)) s" }
        if let smoke = streamed(StreamingBenchmark.smoke, in: .smoke), let writer = streamed(StreamingBenchmark.libpqCSV, in: .smoke) {
            parts.append("smoke csv \(seconds(smoke.wall)) against the libpq CSV writer's \(seconds(writer.wall)) "
                + "(\(Spread.number(smoke.ratio(to: writer, \.wall).median, 2))×; server CPU \(seconds(smoke.server)) against "
                + "\(seconds(writer.server)))")
        }
        let asyncMembers = streaming.filter { $0.group == StreamingBenchmark.Group.asyncAll.rawValue }
        if let blocking = asyncMembers.first(where: \.isReference),
           let main = asyncMembers.first(where: { $0.name == StreamingBenchmark.mainActor }),
           let detached = asyncMembers.first(where: { $0.name == StreamingBenchmark.detached }) {
            parts.append("the async API \(seconds(main.wall)) on the main actor and \(seconds(detached.wall)) detached against the "
                + "blocking API's \(seconds(blocking.wall)) (\(Spread.number(main.ratio(to: blocking, \.wall).median, 2))× and "
                + "\(Spread.number(detached.ratio(to: blocking, \.wall).median, 2))×)")
        }
        if let library = streamed(StreamingBenchmark.library, in: .library), let libpq = streamed(StreamingBenchmark.libpqBinary, in: .library) {
            parts.append("the library \(seconds(library.wall)) against libpq binary's \(seconds(libpq.wall)) "
                + "(\(Spread.number(library.ratio(to: libpq, \.wall).median, 2))× its wall, "
                + "\(Spread.number(library.ratio(to: libpq, \.cpu).median, 2))× its CPU)")
        }
        guard !parts.isEmpty else { return [] }
        return ["Medians at \(Self.grouped(rows)) rows: " + parts.joined(separator: "; ") + ".", ""]
    }

    // MARK: - Formatting

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    static func duration(nanoseconds: Double) -> String {
        if nanoseconds >= 1e6 { return "\(Spread.number(nanoseconds / 1e6, 2)) ms" }
        if nanoseconds >= 1e3 { return "\(Spread.number(nanoseconds / 1e3, 2)) µs" }
        return "\(Spread.number(nanoseconds, 1)) ns"
    }

    /// Appends this run to `path`, creating the file with its introduction the first time.
    func append(to path: String) throws {
        var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? Self.introduction
        if !text.hasSuffix("\n\n") { text += text.hasSuffix("\n") ? "\n" : "\n\n" }
        text += markdown()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static let introduction = """
        # Benchmark results

        Written by `Benchmarks/run.sh` (see Benchmarks/README.md); every run appends a dated section, newest last.
        Figures are whole-process measurements from `wait4` (wall time, user + system CPU, peak RSS) on a
        throwaway cluster on the same machine, so the server competes with the client for the same cores.

        """
}
