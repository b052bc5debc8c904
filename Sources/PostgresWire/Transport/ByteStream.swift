/// A bidirectional byte stream the connection reads and writes; implemented by ``PlainSocket`` and ``TLSStream``.
///
/// The protocol core is sans-I/O: it turns bytes into messages and messages into bytes. A `ByteStream`
/// is the only thing that touches the network, one blocking call at a time.
protocol ByteStream: AnyObject {
    /// Reads up to `buffer.count` bytes (which must be at least 1) into `buffer`.
    ///
    /// Blocks until at least one byte is available and returns how many were read, or 0 when the
    /// server closed the connection. Throws `ClientError(.io, …)` on errors, and when
    /// ``deadline`` passes before any byte arrived.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Writes all of `bytes`, looping over partial writes and interrupted system calls.
    ///
    /// A peer that has gone away is reported as `ClientError(.io, …)`, never as `SIGPIPE`.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// When a ``read(into:)`` that finds no data gives up; `nil` waits forever.
    var deadline: ContinuousClock.Instant? { get set }

    /// Releases the connection. Safe to call more than once.
    func close()
}

extension ByteStream {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
