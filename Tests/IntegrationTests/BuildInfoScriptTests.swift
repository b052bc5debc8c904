import Foundation
import Testing

/// Plugins/BuildInfo/build-info.sh, the script that stamps `pgcheck --version` with the commit, run against
/// throwaway git repositories: every case it promises to handle, and that it never fails a build.
@Suite struct BuildInfoScriptTests {
    /// A git repository shaped like the package, with one commit made on a fixed date.
    struct Checkout {
        let root: URL
        let environment: [String: String]

        init() throws {
            root = FileManager.default.temporaryDirectory.appending(component: "pgcheck-stamp-\(UUID().uuidString)")
            // A fixed identity and date, and none of the developer's git configuration.
            environment = ProcessInfo.processInfo.environment.merging([
                "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z",
            ]) { $1 }
            try write("// swift-tools-version: 6.0\n", to: "Package.swift")
            try write("let a = 1\n", to: "Sources/A/a.swift")
            try write("# readme\n", to: "README.md")
            try git("init", "-q")
            try git("add", "-A")
            try git("commit", "-q", "-m", "first")
        }

        func write(_ text: String, to path: String) throws {
            let url = root.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        @discardableResult
        func git(_ arguments: String...) throws -> String {
            let run = try Shell.run(["git"] + arguments, in: root, environment: environment)
            guard run.status == 0 else { throw ShellFailure(command: "git \(arguments.joined(separator: " "))", result: run) }
            return run.stdout.trimmingCharacters(in: .newlines)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// The script's result for `package`: its exit status and the generated Swift file.
    static func stamp(_ package: URL, path: String? = nil) throws -> (status: Int32, text: String, stderr: String) {
        let output = FileManager.default.temporaryDirectory.appending(component: "pgcheck-BuildInfo-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: output) }
        var environment = ProcessInfo.processInfo.environment
        if let path { environment["PATH"] = path }
        let script = Shell.packageRoot.appending(components: "Plugins", "BuildInfo", "build-info.sh")
        let run = try Shell.run(["/bin/sh", script.path, package.path, output.path], environment: environment)
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (run.status, text, run.stderr)
    }

    static func fields(commit: String?, date: String?, dirty: Bool) -> [String] {
        [
            "static let commit: String? = \(commit.map { "\"\($0)\"" } ?? "nil")\n",
            "static let commitDate: String? = \(date.map { "\"\($0)\"" } ?? "nil")\n",
            "static let dirty = \(dirty)\n",
        ]
    }

    @Test func stampsTheCommitAndItsDate() throws {
        let checkout = try Checkout()
        defer { checkout.remove() }
        let result = try Self.stamp(checkout.root)
        #expect(result.status == 0)
        for field in Self.fields(commit: try checkout.git("rev-parse", "--short", "HEAD"), date: "2026-01-02", dirty: false) {
            #expect(result.text.contains(field), "\(field) in:\n\(result.text)")
        }
    }

    @Test func dirtyOnlyWhenWhatTheBinaryIsMadeOfDiffers() throws {
        let checkout = try Checkout()
        defer { checkout.remove() }
        let commit = try checkout.git("rev-parse", "--short", "HEAD")
        // A README edit makes no different binary.
        try checkout.write("# readme, edited\n", to: "README.md")
        #expect(try Self.stamp(checkout.root).text.contains("static let dirty = false\n"))
        // A changed source file does.
        try checkout.write("let a = 2\n", to: "Sources/A/a.swift")
        #expect(try Self.stamp(checkout.root).text.contains("static let commit: String? = \"\(commit)\"\n"))
        #expect(try Self.stamp(checkout.root).text.contains("static let dirty = true\n"))
        try checkout.git("checkout", "-q", "--", "Sources")
        #expect(try Self.stamp(checkout.root).text.contains("static let dirty = false\n"))
        // So does an untracked one: SwiftPM compiles it in.
        try checkout.write("let b = 1\n", to: "Sources/A/b.swift")
        #expect(try Self.stamp(checkout.root).text.contains("static let dirty = true\n"))
        // And a changed Package.swift.
        try FileManager.default.removeItem(at: checkout.root.appending(path: "Sources/A/b.swift"))
        try checkout.write("// swift-tools-version: 6.0\n// edited\n", to: "Package.swift")
        #expect(try Self.stamp(checkout.root).text.contains("static let dirty = true\n"))
    }

    @Test func unknownOutsideACheckoutAndNeverFailsTheBuild() throws {
        let unknown = Self.fields(commit: nil, date: nil, dirty: false)
        // A source tarball: no .git at all.
        let tarball = FileManager.default.temporaryDirectory.appending(component: "pgcheck-tarball-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tarball, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tarball) }
        let plain = try Self.stamp(tarball)
        #expect(plain.status == 0 && plain.stderr.isEmpty)
        for field in unknown { #expect(plain.text.contains(field), "\(field) in:\n\(plain.text)") }

        // A tarball unpacked inside another repository (a packager's) is not stamped with that one's commit.
        let outer = try Checkout()
        defer { outer.remove() }
        try outer.write("// swift-tools-version: 6.0\n", to: "vendor/pgcheck/Package.swift")
        let nested = try Self.stamp(outer.root.appending(path: "vendor/pgcheck"))
        #expect(nested.status == 0)
        for field in unknown { #expect(nested.text.contains(field), "\(field) in:\n\(nested.text)") }

        // No git on PATH (only the few tools the script needs besides it).
        let tools = FileManager.default.temporaryDirectory.appending(component: "pgcheck-nogit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tools) }
        for tool in ["cat", "dirname", "mv"] {
            let found = try Shell.run(["sh", "-c", "command -v \(tool)"]).stdout.trimmingCharacters(in: .newlines)
            try FileManager.default.createSymbolicLink(at: tools.appending(component: tool), withDestinationURL: URL(fileURLWithPath: found))
        }
        let noGit = try Self.stamp(outer.root, path: tools.path)
        #expect(noGit.status == 0 && noGit.stderr.isEmpty, "\(noGit.stderr)")
        for field in unknown { #expect(noGit.text.contains(field), "\(field) in:\n\(noGit.text)") }
    }

    /// An unchanged stamp must not touch the file, or every build would recompile and relink pgcheck.
    @Test func rewritesTheFileOnlyWhenTheStampChanges() throws {
        let checkout = try Checkout()
        defer { checkout.remove() }
        let output = checkout.root.appending(path: ".stamp/BuildInfo.swift")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let script = Shell.packageRoot.appending(components: "Plugins", "BuildInfo", "build-info.sh").path
        let stamp = { try Shell.run(["/bin/sh", script, checkout.root.path, output.path]) }
        #expect(try stamp().status == 0)
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: output.path)
        #expect(try stamp().status == 0)
        let unchanged = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
        #expect(unchanged == past)

        try checkout.write("let a = 2\n", to: "Sources/A/a.swift")
        try checkout.git("commit", "-q", "-am", "second")
        #expect(try stamp().status == 0)
        let changed = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
        #expect(changed != past)
        #expect(try String(contentsOf: output, encoding: .utf8).contains("\"\(try checkout.git("rev-parse", "--short", "HEAD"))\""))
        // Nothing but the stamp is left in its folder (the temporary file was renamed, not copied).
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == ["BuildInfo.swift"])
    }
}
