import Foundation
import PGSupport

/// Receives a running query's progress: rows and bytes as they stream.
public protocol SmokeProgress: AnyObject {
    /// A query started.
    func started(query: String)
    /// One more row arrived, `bytes` long (the values as received).
    func row(bytes: Int)
    /// The query ended (successfully or not): clear anything shown.
    func finished()
}

/// A one-line progress display on standard error — `rows, rows/s, bytes` — for long queries in a terminal.
///
/// Shown only when standard error is a terminal and the query has run for over a second, redrawn at
/// most four times a second, and erased when the query ends, so short runs and redirected output stay
/// clean. Use ``forStandardError()``, which returns nil when standard error is not a terminal.
public final class TerminalProgress: SmokeProgress {
    private let clock = ContinuousClock()
    private let output: FileHandle
    private var query = ""
    private var start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var rows = 0
    private var bytes = 0
    private var shown = false

    /// Creates a display writing to `output` (which should be a terminal).
    public init(output: FileHandle = .standardError) {
        self.output = output
        start = clock.now
        lastDraw = start
    }

    /// A display on standard error, or nil when standard error is not a terminal.
    public static func forStandardError() -> TerminalProgress? {
        isatty(STDERR_FILENO) == 1 ? TerminalProgress() : nil
    }

    public func started(query: String) {
        self.query = query
        start = clock.now
        lastDraw = start
        rows = 0
        bytes = 0
        shown = false
    }

    public func row(bytes: Int) {
        rows += 1
        self.bytes += bytes
        // Reading the clock costs little, but not nothing: look every 256 rows.
        guard rows & 0xFF == 0 else { return }
        let now = clock.now
        guard now - start > .seconds(1), now - lastDraw >= .milliseconds(250) else { return }
        lastDraw = now
        draw(elapsed: now - start)
    }

    public func finished() {
        guard shown else { return }
        output.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }

    private func draw(elapsed: Duration) {
        let seconds = max(elapsed.inSeconds, 0.001)
        let line = "\r\u{1B}[K\(query): \(Self.grouped(rows)) rows, \(Self.grouped(Int(Double(rows) / seconds))) rows/s, \(Self.bytesText(bytes))"
        output.write(Data(line.utf8))
        shown = true
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// Bytes in B, kB, MB or GB (powers of 1024, one decimal).
    static func bytesText(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
