/// A bidirectional byte stream the connection reads and writes; implemented by ``PlainSocket`` and ``TLSStream``.
///
/// The protocol core is sans-I/O: it turns bytes into messages and messages into bytes. A `ByteStream`
/// is the only thing that touches the network, one blocking call at a time.
///
/// Reads and writes are bounded by the same ``deadline``: a server that stops sending and a server (or
/// middlebox) that stops reading — so that our send buffer fills and a write cannot finish — both end
/// in an error at the deadline instead of waiting for TCP to give up, minutes later.
protocol ByteStream: AnyObject {
    /// Reads up to `buffer.count` bytes (which must be at least 1) into `buffer`.
    ///
    /// Blocks until at least one byte is available and returns how many were read, or 0 when the
    /// server closed the connection. Throws `ClientError(.io, …)` on errors, and when
    /// ``deadline`` passes before any byte arrived.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Writes a prefix of `bytes` (at least one byte when `bytes` is not empty) and returns its length.
    ///
    /// Blocks until the connection accepts at least one byte; when it has room, everything is written at
    /// once. Throws `ClientError(.io, …)` on errors, and when ``deadline`` passes before any byte was
    /// accepted. A peer that has gone away is reported as an error, never as `SIGPIPE`.
    func writeSome(_ bytes: UnsafeRawBufferPointer) throws -> Int

    /// Writes all of `bytes`; the default loops over ``writeSome(_:)``.
    ///
    /// On an error the stream may have sent part of `bytes`, so the protocol is out of step: the
    /// connection must be closed.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// When a ``read(into:)`` that finds no data, or a ``writeSome(_:)`` that finds no room, gives up;
    /// `nil` waits forever.
    var deadline: ContinuousClock.Instant? { get set }

    /// Releases the connection. Safe to call more than once.
    func close()

    /// Whether a ``read(into:)`` now would return data without waiting on the network (bytes already
    /// received by the kernel or decrypted by TLS). A hint for batching, never a promise.
    var hasPendingInput: Bool { get }
}

extension ByteStream {
    /// Streams that cannot tell say no, so a batching reader never waits on them holding data back.
    var hasPendingInput: Bool { false }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var sent = 0
        while sent < bytes.count {
            sent += try writeSome(UnsafeRawBufferPointer(rebasing: bytes[sent...]))
        }
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
