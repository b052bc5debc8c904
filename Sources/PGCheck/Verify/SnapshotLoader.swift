import Foundation
import PGCatalog
import PostgresWire

/// Where `verify` and `diff` get a snapshot: a file written by `pgcheck snapshot`, or a live database
/// captured on the spot (read-only, through ``SnapshotCapture``).
public enum SnapshotLoader {
    /// Reads a snapshot file.
    ///
    /// - Throws: ``VerifyError/invalidSnapshotFile(path:problem:)`` with one line saying what is wrong:
    ///   the file is missing or unreadable, empty, not JSON, truncated, of another format version, or
    ///   hand-edited into something that is no longer a snapshot (with the path of the bad field).
    public static func read(path: String) throws -> Snapshot {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw VerifyError.invalidSnapshotFile(path: path, problem: "cannot read the snapshot (\(FileProblem.reason(error)))")
        }
        do {
            return try Snapshot.decode(from: data)
        } catch let error as SnapshotDecodingError {
            throw VerifyError.invalidSnapshotFile(path: path, problem: error.description)
        }
    }

    /// Connects, captures a snapshot in one read-only transaction, and disconnects.
    ///
    /// - Parameters:
    ///   - configuration: where to connect.
    ///   - sessionOptions: session options; the capture reads in read-only transactions whatever they say.
    ///   - options: what to capture (every user schema by default).
    /// - Throws: `ClientError` (connection, exit status 3) or `PostgresServerError` (exit status 4).
    public static func capture(
        configuration: ConnectionConfiguration, sessionOptions: SessionOptions, options: SnapshotOptions = SnapshotOptions()
    ) throws -> SnapshotResult {
        try SnapshotCapture.capture(configuration: configuration, sessionOptions: sessionOptions, options: options)
    }
}
