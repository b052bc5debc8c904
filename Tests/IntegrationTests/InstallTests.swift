import Foundation
import Testing

/// `./install.sh`, the one command README documents for installing pgcheck, run into throwaway prefixes.
///
/// The documented command builds release; these build debug (`--configuration debug`), which is the same
/// script, the same static linking and the same installation, in a fraction of the time. They share the
/// script's scratch folder (.build-install), so only the first run pays for a full build; the build runs
/// under `nice` so that the timing-sensitive tests running beside it keep the CPU. Serialized: each run
/// would otherwise wait for the other's lock on that folder anyway.
@Suite(.serialized) struct InstallScriptTests {
    static let files = [
        "bin/pgcheck",
        "share/bash-completion/completions/pgcheck",
        "share/zsh/site-functions/_pgcheck",
        "share/fish/vendor_completions.d/pgcheck.fish",
    ]

    static func install(_ arguments: String...) throws -> Shell.Result {
        try Shell.run(["nice", "-n", "10", "./install.sh", "--configuration", "debug"] + arguments)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(component: "pgcheck-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Every file under `folder`, relative to it, sorted.
    static func tree(_ folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        return (walker?.allObjects as? [String] ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appending(path: $0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    @Test func installsAStandaloneBinaryWithItsCompletions() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appending(component: "prefix")
        let run = try Self.install("--prefix", prefix.path)
        try #require(run.status == 0, "install.sh failed:\n\(run.stdout.suffix(3000))\n\(run.stderr.suffix(3000))")

        // Exactly the four files, nothing half-written or temporary beside them.
        #expect(Self.tree(prefix) == Self.files.sorted())
        let expectedVersion = try CheckoutStamp.expectedVersionLine()
        #expect(run.stdout.contains("install.sh: installed \(expectedVersion)\n"))
        for file in Self.files { #expect(run.stdout.contains("  \(prefix.path)/\(file)\n"), "\(file) listed") }

        // The installed binary runs, names the commit and helps.
        let binary = prefix.appending(path: "bin/pgcheck").path
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        let version = try Shell.run([binary, "--version"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(version.status == 0)
        #expect(version.stdout == expectedVersion + "\n")
        let help = try Shell.run([binary, "--help"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: pgcheck <subcommand>"))

        // Completion scripts that each shell recognises as pgcheck's.
        let headers = [
            "share/bash-completion/completions/pgcheck": "#!/bin/bash",
            "share/zsh/site-functions/_pgcheck": "#compdef pgcheck",
            "share/fish/vendor_completions.d/pgcheck.fish": "complete -c 'pgcheck'",
        ]
        for (file, marker) in headers {
            let text = try String(contentsOf: prefix.appending(path: file), encoding: .utf8)
            #expect(text.count > 1000, "\(file) is not empty")
            #expect(text.contains(marker), "\(file) contains \(marker)")
        }

        // No Swift toolchain needed at run time: no libswift*, Foundation, Dispatch or BlocksRuntime.
        #if os(Linux)
        let ldd = try Shell.run(["ldd", binary])
        try #require(ldd.status == 0, "ldd is needed to check the binary's libraries: \(ldd.stderr)")
        for library in ["libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime", "not found"] {
            #expect(!ldd.stdout.contains(library), "\(library) in:\n\(ldd.stdout)")
        }
        #expect(ldd.stdout.contains("libssl") && ldd.stdout.contains("libc.so"), "\(ldd.stdout)")
        #else
        let otool = try Shell.run(["otool", "-L", binary])
        try #require(otool.status == 0, "otool is needed to check the binary's libraries: \(otool.stderr)")
        #expect(!otool.stdout.contains("@rpath/libswift"), "\(otool.stdout)")
        #endif
    }

    /// A packager's staging root: everything lands under DESTDIR/PREFIX, and a second run replaces in place.
    @Test func destdirStagesUnderThePrefixAndReinstallsInPlace() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stage = folder.appending(component: "stage")
        let prefix = "/opt/pgcheck-test-\(UUID().uuidString)"
        for _ in 0..<2 {
            let run = try Self.install("--destdir", stage.path, "--prefix", prefix)
            try #require(run.status == 0, "install.sh failed:\n\(run.stdout.suffix(3000))\n\(run.stderr.suffix(3000))")
            #expect(Self.tree(stage) == Self.files.map { "\(prefix.dropFirst())/\($0)" }.sorted())
        }
        #expect(!FileManager.default.fileExists(atPath: prefix))
    }

    /// A prefix that cannot take the completions must not get the binary either, and keeps what it had.
    @Test func aFailedInstallLeavesThePrefixAsItWas() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appending(component: "prefix")
        try FileManager.default.createDirectory(at: prefix.appending(component: "bin"), withIntermediateDirectories: true)
        try "old pgcheck".write(to: prefix.appending(path: "bin/pgcheck"), atomically: true, encoding: .utf8)
        try "not a folder".write(to: prefix.appending(component: "share"), atomically: true, encoding: .utf8)

        let run = try Self.install("--prefix", prefix.path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("install.sh: error: cannot create \(prefix.path)/share/"))
        #expect(run.stderr.hasSuffix("nothing was installed\n"))
        #expect(!run.stderr.dropLast().contains("\n"), "one line: \(run.stderr)")
        #expect(try String(contentsOf: prefix.appending(path: "bin/pgcheck"), encoding: .utf8) == "old pgcheck")
        #expect(Self.tree(prefix) == ["bin/pgcheck", "share"], "no temporary file left behind")
    }

    /// A stand-in for swift (install.sh takes it from SWIFT) whose build exits `status` and whose bin path
    /// holds `binary`: the failure paths without a real build.
    static func fakeSwift(in folder: URL, buildStatus status: Int32, binary: URL) throws -> [String: String] {
        let bin = folder.appending(component: "bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: binary, to: bin.appending(component: "pgcheck"))
        let swift = folder.appending(component: "swift")
        try """
            #!/bin/sh
            case " $* " in *" --show-bin-path "*) echo '\(bin.path)' ;; *) exit \(status) ;; esac
            """.write(to: swift, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift.path)
        return ProcessInfo.processInfo.environment.merging(["SWIFT": swift.path]) { $1 }
    }

    @Test func aFailedBuildInstallsNothing() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = try Self.fakeSwift(in: folder.appending(component: "swift"), buildStatus: 1, binary: PGCheckProcess.executable)
        let prefix = folder.appending(component: "prefix")
        let run = try Shell.run(["./install.sh", "--prefix", prefix.path], environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr == "install.sh: error: the build failed (see above); nothing was installed\n")
        #expect(!FileManager.default.fileExists(atPath: prefix.path))
    }

    #if os(Linux)
    /// The debug binary `swift build` makes for the tests links the Swift runtime dynamically: exactly what
    /// install.sh must refuse to install.
    @Test func refusesABinaryThatNeedsTheSwiftRuntime() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = try Self.fakeSwift(in: folder.appending(component: "swift"), buildStatus: 0, binary: PGCheckProcess.executable)
        let prefix = folder.appending(component: "prefix")
        let run = try Shell.run(["./install.sh", "--prefix", prefix.path], environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("install.sh: error: \(folder.path)/swift/bin/pgcheck still needs the Swift runtime (libswift"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("); nothing was installed\n") && !run.stderr.dropLast().contains("\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: prefix.path))
    }
    #endif

    @Test(arguments: [["--bogus"], ["--prefix"], ["--configuration", "fast"]])
    func badArgumentsExit2WithOneLineAndBuildNothing(_ arguments: [String]) throws {
        let run = try Shell.run(["./install.sh"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("install.sh: error: ") && run.stderr.hasSuffix("(see ./install.sh --help)\n"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func helpNamesEveryOption() throws {
        let run = try Shell.run(["./install.sh", "--help"])
        #expect(run.status == 0)
        for option in ["--prefix DIR", "--destdir DIR", "--configuration CFG", "--scratch-path DIR", "--help"] {
            #expect(run.stdout.contains(option))
        }
    }
}
