import Foundation
import PackagePlugin

/// Stamps PGCheckCLI with the commit it is built from, for `pgcheck --version`.
///
/// Why a build command whose inputs are git's own files: SwiftPM runs a build command whenever one of its
/// inputs changes, in every build (`swift build`, `swift test`, `swift run pgcheck demo`, `./install.sh`),
/// with no flag or environment variable to forget. A prebuild command looks simpler but is not enough: SwiftPM
/// reruns plugins only when it replans the build (Package.swift or the set of source files changes), so a new
/// commit would keep the old stamp (swiftlang/swift-package-manager#5476). The inputs are:
///   - the checkout's HEAD, its reflog, the branch's ref, packed-refs and the index: every commit, checkout,
///     reset or rebase rewrites one of them;
///   - Package.swift and every file under Sources/ and Plugins/: what the binary is made of, so that editing
///     one reruns the script and `-dirty` is right. Adding or removing a file replans the build, which lists
///     the files again.
/// The script (build-info.sh, four git calls) never fails the build: without git, or outside a checkout,
/// the commit is unknown. It rewrites BuildInfo.swift only when its text changes, so an unchanged commit
/// recompiles nothing. It is attached to the executable only, not to PGCheck, so a new commit recompiles one
/// small module.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(components: "Plugins", "BuildInfo", "build-info.sh")
        let output = context.pluginWorkDirectoryURL.appending(component: "BuildInfo.swift")
        let inputs = [package.appending(component: "Package.swift")]  // the script is under Plugins/
            + Self.files(under: package.appending(component: "Sources"))
            + Self.files(under: package.appending(component: "Plugins"))
            + Self.gitStateFiles(of: package)
        return [
            .buildCommand(
                displayName: "Stamping pgcheck with its commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path(percentEncoded: false), package.path(percentEncoded: false), output.path(percentEncoded: false)],
                // No environment of its own: build commands inherit the builder's, PATH (and so their git) included.
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    /// Every regular file under `directory`, hidden ones too (an editor's stray file is what `-dirty` is for).
    static func files(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// The files git rewrites when HEAD moves or the index changes, read straight from the checkout (running
    /// git here would need it in the plugin's sandbox too). Only the package's own checkout counts, as in
    /// build-info.sh; `.git` is a folder, or in a linked worktree a file naming the folder.
    static func gitStateFiles(of package: URL) -> [URL] {
        let dotGit = package.appending(component: ".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path(percentEncoded: false), isDirectory: &isDirectory) else { return [] }
        let gitDir: URL
        if isDirectory.boolValue {
            gitDir = dotGit
        } else if let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir: ") {
            gitDir = URL(fileURLWithPath: text.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: package)
        } else {
            return []
        }
        var commonDir = gitDir
        if let text = try? String(contentsOf: gitDir.appending(component: "commondir"), encoding: .utf8) {
            commonDir = URL(fileURLWithPath: text.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: gitDir.appending(component: ""))
        }
        var files = [
            gitDir.appending(component: "HEAD"), gitDir.appending(components: "logs", "HEAD"), gitDir.appending(component: "index"),
            commonDir.appending(component: "packed-refs"),
        ]
        if let head = try? String(contentsOf: gitDir.appending(component: "HEAD"), encoding: .utf8), head.hasPrefix("ref: ") {
            files.append(commonDir.appending(path: head.dropFirst("ref: ".count).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        // A missing input would fail the build, and some of these exist only once there is a commit or a pack.
        return files.map(\.standardizedFileURL).filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
    }
}
