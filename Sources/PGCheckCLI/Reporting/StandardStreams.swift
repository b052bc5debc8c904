import Foundation

/// Writes a line to standard error (results go to standard output, everything else here).
func printError(_ line: String) {
    let text = line.hasSuffix("\n") ? line : line + "\n"
    FileHandle.standardError.write(Data(text.utf8))
}
