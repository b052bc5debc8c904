import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The OS user that runs initdb and the postmaster.
///
/// Both refuse to run as root, so when we are root they run as `postgres` (or, failing that, `nobody`)
/// through `runuser` or `setpriv`; otherwise they run as the current user with no switch at all.
struct ServerAccount: Sendable {
    /// The account's name, for messages.
    let name: String
    let uid: uid_t
    let gid: gid_t
    /// Words put before a command to run it as this account; empty when it is the current user.
    let commandPrefix: [String]

    /// Whether the server runs as a different user from the current process.
    var isSwitched: Bool { !commandPrefix.isEmpty }

    /// Chooses the account for this process: the current user unless we are root.
    static func forCurrentProcess(environment: [String: String]) throws -> ServerAccount {
        guard geteuid() == 0 else {
            return ServerAccount(name: currentUserName(), uid: geteuid(), gid: getegid(), commandPrefix: [])
        }
        guard let (name, uid, gid) = ["postgres", "nobody"].lazy.compactMap(lookUp).first else {
            throw LocalClusterError.noUnprivilegedUser(
                "initdb and postgres refuse to run as root and there is no 'postgres' or 'nobody' OS user; create one with: useradd --system postgres")
        }
        let searchPath = environment["PATH"]
        let systemDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        if let runuser = CommandRunner.findExecutable("runuser", path: searchPath, extraDirectories: systemDirectories) {
            return ServerAccount(name: name, uid: uid, gid: gid, commandPrefix: [runuser, "-u", name, "--"])
        }
        if let setpriv = CommandRunner.findExecutable("setpriv", path: searchPath, extraDirectories: systemDirectories) {
            return ServerAccount(
                name: name, uid: uid, gid: gid,
                commandPrefix: [setpriv, "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"])
        }
        throw LocalClusterError.noUnprivilegedUser(
            "running as root, but neither runuser nor setpriv was found to start PostgreSQL as '\(name)'; install util-linux")
    }

    /// The executable and arguments that run `executable arguments` as this account.
    func command(_ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        guard let switcher = commandPrefix.first else { return (executable, arguments) }
        return (switcher, Array(commandPrefix.dropFirst()) + [executable] + arguments)
    }

    /// Hands `path` to this account (a no-op when the server runs as the current user).
    func takeOwnership(of path: String) throws {
        guard isSwitched else { return }
        guard chown(path, uid, gid) == 0 else {
            throw LocalClusterError.fileSystem(
                "could not give \(path) to OS user \(name): \(String(cString: strerror(errno)))")
        }
    }

    private static func lookUp(_ name: String) -> (String, uid_t, gid_t)? {
        guard let entry = getpwnam(name) else { return nil }
        return (name, entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private static func currentUserName() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid \(geteuid())" }
        return String(cString: name)
    }
}
