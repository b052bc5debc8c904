#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file that appears whole or not at all.
///
/// Writes go to a hidden temporary file in the destination's folder (so the final rename never crosses
/// a file system); ``commit()`` flushes it to disk and renames it over the destination. If the work
/// fails, ``discard()`` (or simply dropping the object) removes the temporary file: a reader never sees
/// a half-written result, and a failed run leaves nothing behind.
///
/// ```swift
/// let file = try AtomicOutputFile(path: "counts.csv")
/// try sink.write(...)            // into file.writer
/// try file.commit()
/// ```
public final class AtomicOutputFile {
    /// The destination path.
    public let path: String
    /// Where to write the content.
    public let writer: OutputWriter
    private let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Creates the temporary file next to `path`.
    ///
    /// - Throws: ``OutputError`` when the folder does not exist or is not writable.
    public init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw OutputError("the output path \"\(path)\" names a folder, not a file") }
        var template = Array("\(folder.isEmpty ? "/" : folder)/.\(name).pgcheck-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw OutputError.system("cannot create a temporary file in \(folder.isEmpty ? "/" : folder)") }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.descriptor = descriptor
        // mkstemp creates the file 0600; give the result the permissions any new file would get.
        let mask = umask(0o022)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        writer = OutputWriter(descriptor: descriptor, name: path)
    }

    deinit { discard() }

    /// Flushes everything to disk and moves the file into place, replacing any file already there.
    public func commit() throws {
        guard !finished else { return }
        do {
            try writer.flush()
            guard fsync(descriptor) == 0 else { throw OutputError.system("cannot flush \(path) to disk") }
            guard close(descriptor) == 0 else { throw OutputError.system("cannot close \(path)") }
            descriptor = -1
            guard rename(temporaryPath, path) == 0 else { throw OutputError.system("cannot move the finished file into place at \(path)") }
            finished = true
            syncFolder()
        } catch {
            discard()
            throw error
        }
    }

    /// Removes the temporary file; the destination is left as it was. Safe to call more than once.
    public func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    /// The rename is durable only once the folder's entry is on disk too.
    private func syncFolder() {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let handle = open(folder.isEmpty ? "/" : folder, O_RDONLY)
        guard handle >= 0 else { return }
        _ = fsync(handle)
        close(handle)
    }
}
