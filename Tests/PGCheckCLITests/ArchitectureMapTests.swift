import Foundation
import Testing

/// ARCHITECTURE.md is the map of the code: every source file it names exists, and every module and
/// module folder is on it. A change that moves a responsibility has to move the map too.
@Suite struct ArchitectureMapTests {
    static let root = CheckoutPathsTests.root
    static let sources = root.appendingPathComponent("Sources")

    static func map() throws -> String {
        try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
    }

    /// Every `.swift` path the map names in backticks (`Rows/PostgresRow.swift`, `PGCheckCLI/Commands/…`).
    static func namedSourceFiles(in map: String) -> [String] {
        map.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            .filter { $0.hasSuffix(".swift") && !$0.contains(" ") }
    }

    /// The Swift files of Sources/ and Tests/, relative to those folders.
    static func sourceFiles() -> [String] {
        ["Sources", "Tests"].flatMap { folder -> [String] in
            guard let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { return [] }
            return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.flatMap { [$0, "\(folder)/\($0)"] }
        }
    }

    @Test func everyFileTheMapNamesExists() throws {
        let named = Self.namedSourceFiles(in: try Self.map())
        #expect(named.count > 30, "the map names files: \(named.count)")
        let files = Self.sourceFiles()
        for path in named {
            #expect(files.contains { $0 == path || $0.hasSuffix("/" + path) }, "ARCHITECTURE.md names \(path), which is not in Sources/ or Tests/")
        }
    }

    @Test func everyModuleAndFolderIsOnTheMap() throws {
        let map = try Self.map()
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasPrefix(".") }
        #expect(modules.count >= 9)
        for module in modules {
            #expect(map.contains("| \(module) |") || map.contains(module + " "), "module \(module) is not on the map")
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: Self.sources.appendingPathComponent(module).path)) ?? []
            for folder in folders where !folder.contains(".") {
                #expect(map.contains("\(folder)/"), "folder \(module)/\(folder) is not on the map")
            }
        }
    }
}
