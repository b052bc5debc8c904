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
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Tables

    private func streamingTable() -> [String] {
        let size = csvBytes > 0 ? ", \(Spread.number(Double(csvBytes) / 1e9, 2)) GB as CSV" : ""
        var lines = [
            "### Streaming `SELECT * FROM usage_events` (\(Self.grouped(rows)) rows\(size))",
            "",
            "| client | wall s | client CPU s (user+sys) | user s | sys s | peak RSS MiB | rows/s | wall / libpq | CPU / libpq |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        let reference = streaming.first { $0.name == StreamingBenchmark.libpq }
        for contestant in streaming {
            let rowCount = contestant.name == StreamingBenchmark.librarySmall ? 100_000 : rows
            let rate = Double(rowCount) / contestant.wall.median
            let wallRatio = reference.map { contestant.ratio(to: $0, \.wall).formatted(2) } ?? "–"
            let cpuRatio = reference.map { contestant.ratio(to: $0, \.cpu).formatted(2) } ?? "–"
            lines.append("| \(contestant.name) | \(contestant.wall.formatted(2)) | \(contestant.cpu.formatted(2)) | "
                + "\(contestant.user.medianText(2)) | \(contestant.system.medianText(2)) | "
                + "\(contestant.peakRSS.formatted(1, scale: Self.mebibyte)) | \(Self.grouped(Int(rate))) | \(wallRatio) | \(cpuRatio) |")
        }
        lines.append("")
        lines.append("Medians of \(repetitions) rounds (min–max); ratios are medians of the per-round ratios. Commands:")
        lines += streaming.map { "- \($0.name): `\($0.commandLine)`" }
        lines.append("")
        return lines
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
        let library = streaming.first { $0.name == StreamingBenchmark.library }
        let small = streaming.first { $0.name == StreamingBenchmark.librarySmall }
        let libpq = streaming.first { $0.name == StreamingBenchmark.libpq }
        let smoke = streaming.first { $0.name == StreamingBenchmark.smoke }
        if let library, let libpq {
            let wall = library.ratio(to: libpq, \.wall).median
            let cpu = library.ratio(to: libpq, \.cpu).median
            row("streaming wall ≤ 0.9× libpq", "\(Spread.number(wall, 2))×", wall <= 0.9)
            row("streaming client CPU ≤ 0.5× libpq", "\(Spread.number(cpu, 2))×", cpu <= 0.5)
            let peak = library.peakRSS.maximum / Self.mebibyte
            var measured = "\(Spread.number(peak, 1)) MiB at \(Self.grouped(rows)) rows"
            var flat = true
            if let small {
                let smallPeak = small.peakRSS.maximum / Self.mebibyte
                measured += ", \(Spread.number(smallPeak, 1)) MiB at 100,000"
                flat = abs(peak - smallPeak) <= 2
            }
            row("peak RSS ≤ 32 MiB, the same at 100k and 5M rows", measured, peak <= 32 && flat)
        } else {
            row("streaming against libpq", "–", nil)
        }
        if let library, let peer = streaming.first(where: { $0.name == StreamingBenchmark.postgresNIO }) {
            let wall = library.ratio(to: peer, \.wall).median
            let cpu = library.ratio(to: peer, \.cpu).median
            row("streaming faster than PostgresNIO (the Swift peer)",
                "\(Spread.number(wall, 2))× its wall, \(Spread.number(cpu, 2))× its CPU", wall < 1 && cpu < 1)
        }
        for name in [StreamingBenchmark.psqlCSV, StreamingBenchmark.psqlCopy] {
            if let smoke, let other = streaming.first(where: { $0.name == name }) {
                let ratio = smoke.ratio(to: other, \.wall).median
                row("smoke csv faster than \(name)", "\(Spread.number(ratio, 2))× its wall", ratio < 1)
            }
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
