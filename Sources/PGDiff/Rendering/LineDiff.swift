/// A line-by-line comparison of two multi-line texts (a function body, a view's query), so a changed
/// definition shows the lines that changed instead of two walls of text.
enum LineDiff {
    /// One line of the comparison.
    enum Line: Equatable {
        /// In both texts.
        case same(String)
        /// Only in the old text.
        case removed(String)
        /// Only in the new text.
        case added(String)
        /// Unchanged lines left out (how many).
        case skipped(Int)
    }

    /// Above this many line pairs the comparison is not worth its quadratic cost: everything old is
    /// shown removed and everything new added.
    private static let maximumCells = 4_000_000

    /// The changed lines of `old` → `new` with `context` unchanged lines around each change.
    static func lines(old: String, new: String, context: Int = 2) -> [Line] {
        let full = compare(old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                           new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        return trimmed(full, context: context)
    }

    /// The whole comparison by longest common subsequence.
    private static func compare(_ old: [String], _ new: [String]) -> [Line] {
        guard old.count * new.count <= maximumCells else {
            return old.map(Line.removed) + new.map(Line.added)
        }
        // common[i][j]: length of the longest common subsequence of old[i...] and new[j...].
        var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var lines: [Line] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append(.same(old[i]))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || common[i + 1][j] >= common[i][j + 1] {
                lines.append(.removed(old[i]))
                i += 1
            } else {
                lines.append(.added(new[j]))
                j += 1
            }
        }
        return lines
    }

    /// Keeps `context` unchanged lines on each side of every change and folds the rest into `.skipped`.
    private static func trimmed(_ lines: [Line], context: Int) -> [Line] {
        let changed = lines.indices.filter { if case .same = lines[$0] { return false } else { return true } }
        var keep = Set<Int>()
        for index in changed {
            keep.formUnion(max(0, index - context)...min(lines.count - 1, index + context))
        }
        var result: [Line] = []
        var skipped = 0
        for (index, line) in lines.enumerated() {
            if keep.contains(index) {
                if skipped > 0 { result.append(.skipped(skipped)) }
                skipped = 0
                result.append(line)
            } else {
                skipped += 1
            }
        }
        if skipped > 0 { result.append(.skipped(skipped)) }
        return result
    }
}
