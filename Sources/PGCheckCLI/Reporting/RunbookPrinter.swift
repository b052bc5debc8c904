import Foundation
import PGCheck
import PGSupport

/// Prints a line per runbook step as it ends: `✓ pre-apply snapshot  0.04 s  schema-snapshot-pre-0003.json`.
final class RunbookPrinter: RunbookObserver {
    func stepFinished(_ result: RunbookStepResult) {
        let mark = result.succeeded ? "✓" : "✗"
        let seconds = result.duration.inSeconds
        var line = "\(mark) \(result.step.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%6.2f s", seconds))  \(result.detail)"
        if !result.artefacts.isEmpty { line += "  [\(result.artefacts.joined(separator: ", "))]" }
        // Written straight away (not through print's buffer) so each step shows as it ends, even in a pipe.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
