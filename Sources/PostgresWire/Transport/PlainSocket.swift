import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected, blocking TCP or Unix-domain socket; reads and writes honour its ``deadline``.
///
/// Create one with ``connect(host:hostaddr:port:timeout:)`` or ``connect(unixPath:timeout:)``.
/// One thread reads and writes; ``shutdown()`` (and ``close()``) may be called from any other
/// thread, which is why the class is `@unchecked Sendable`: the descriptor is immutable and the
/// closed state is guarded by a lock.
final class PlainSocket: ByteStream, @unchecked Sendable {
    /// The socket's file descriptor; valid until ``close()``.
    let fileDescriptor: Int32

    /// The peer as a person would name it: "127.0.0.1", "::1" or "/tmp/.s.PGSQL.5432".
    let remoteAddressDescription: String

    private var limit = StreamDeadline()
    /// Fewer wake-ups while large responses stream in; also used by a ``TLSStream`` on this socket.
    var batching = ReceiveBatching()
    private let stateLock = NSLock()
    private var isClosed = false

    /// Takes ownership of an already-connected, blocking socket descriptor.
    init(adopting fileDescriptor: Int32, remoteAddressDescription: String) {
        self.fileDescriptor = fileDescriptor
        self.remoteAddressDescription = remoteAddressDescription
    }

    deinit {
        close()
    }

    /// `nil` = block forever. Reads and writes wait for the socket with poll() until then.
    var deadline: ContinuousClock.Instant? {
        get { limit.instant }
        set { limit.instant = newValue }
    }

    /// The deadline together with the span it allowed, for streams layered on this socket.
    var deadlineState: StreamDeadline { limit }

    /// Reads what has arrived, waiting (until the deadline, if any) only when nothing has.
    ///
    /// With a deadline, or while a large response streams in (see ``ReceiveBatching``), the receive is
    /// tried first without blocking and the wait happens in poll only when it finds nothing, so a busy
    /// stream costs one system call per read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        precondition(buffer.count > 0, "read(into:) needs room for at least one byte")
        while true {
            let flags = limit.instant == nil && !batching.isBatching ? Int32(0) : Int32(MSG_DONTWAIT)
            let received = recv(fileDescriptor, buffer.baseAddress, buffer.count, flags)
            if received >= 0 {
                batching.received(received)
                return received
            }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                // No data yet (or the descriptor was made non-blocking): wait properly instead of spinning.
                if try !batching.waitReadable(fileDescriptor, until: limit.instant) {
                    throw limit.expiredError()
                }
            default:
                throw ClientError(.io, Self.receiveFailure(code))
            }
        }
    }

    /// Whether the kernel holds received bytes (a peek that never waits, whatever the low-water mark).
    var hasPendingInput: Bool {
        var byte: UInt8 = 0
        return recv(fileDescriptor, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) > 0
    }

    /// Sends what the socket has room for, waiting (until the deadline, if any) only when it has none.
    ///
    /// With a deadline the send never blocks: it is tried first, so a socket with room costs one system
    /// call, and poll waits for room only when the send buffer is full (the server, or something on the
    /// way, stopped reading). Without one the send blocks until the kernel takes the bytes or gives up on
    /// the connection.
    func writeSome(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        batching.sent(on: fileDescriptor)
        let flags = limit.instant == nil ? Int32(MSG_NOSIGNAL) : Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
        while true {
            let sent = send(fileDescriptor, base, bytes.count, flags)
            if sent > 0 { return sent }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                if try !SocketWait.wait(fileDescriptor, for: .writable, until: limit.instant) {
                    throw limit.expiredWhileSending()
                }
            default:
                throw ClientError(.io, Self.sendFailure(code))
            }
        }
    }

    /// Shuts the socket down in both directions, waking any thread blocked in read
    /// (used for cancellation and lost connections). The descriptor stays open until ``close()``.
    func shutdown() {
        stateLock.withLock {
            guard !isClosed else { return }
            _ = shutdownDescriptor(fileDescriptor)
        }
    }

    /// Closes the descriptor. Safe to call more than once and from any thread.
    func close() {
        stateLock.withLock {
            guard !isClosed else { return }
            isClosed = true
            _ = closeDescriptor(fileDescriptor)
        }
    }

    /// Switches the descriptor between blocking and non-blocking mode (TLS runs it non-blocking).
    func setBlocking(_ blocking: Bool) throws {
        try Self.setBlocking(fileDescriptor, blocking)
    }

    static func setBlocking(_ fileDescriptor: Int32, _ blocking: Bool) throws {
        let flags = fcntl(fileDescriptor, F_GETFL)
        let wanted = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK
        if flags < 0 || fcntl(fileDescriptor, F_SETFL, wanted) < 0 {
            throw ClientError(.io, "could not set the socket to \(blocking ? "blocking" : "non-blocking") mode: \(PosixErrorText.text(errno))")
        }
    }

    /// libpq's wording for a failed receive; a reset peer gets the sentence people search for.
    static func receiveFailure(_ code: Int32) -> String {
        if code == ECONNRESET || code == EPIPE {
            return "server closed the connection unexpectedly (\(PosixErrorText.text(code)))"
        }
        return "could not receive data from server: \(PosixErrorText.text(code))"
    }

    /// libpq's wording for a failed send.
    static func sendFailure(_ code: Int32) -> String {
        if code == ECONNRESET || code == EPIPE {
            return "server closed the connection unexpectedly (\(PosixErrorText.text(code)))"
        }
        return "could not send data to server: \(PosixErrorText.text(code))"
    }
}

// File-scope forwarders: inside PlainSocket, `shutdown` and `close` name the methods.
private func shutdownDescriptor(_ fileDescriptor: Int32) -> Int32 {
    shutdown(fileDescriptor, Int32(SHUT_RDWR))
}

private func closeDescriptor(_ fileDescriptor: Int32) -> Int32 {
    close(fileDescriptor)
}

/// Fewer wake-ups while a large result streams in.
///
/// PostgreSQL sends a result in 8 KiB pieces (one TLS record each), and a client that keeps up is woken
/// for every piece: over a gigabyte, a hundred thousand sleeps and wake-ups, which cost more CPU than
/// the decoding. Once a response has brought in ``threshold`` bytes, waits ask the kernel (with
/// `SO_RCVLOWAT`) to report the socket readable only when ``lowWater`` bytes are queued, so each wake-up
/// finds many pieces.
///
/// The end of a result never reaches the mark, so such a wait gives up after ``patience`` and the
/// ordinary wait takes over, with the mark back at one byte until another ``threshold`` bytes have
/// arrived: at most a couple of milliseconds added to a result that took far longer to stream, and
/// requests with small answers never wait this way at all. Receives never block with the mark raised
/// (they are non-blocking), and the deadline is honoured as in any wait.
struct ReceiveBatching {
    /// Bytes a response must bring before waits start batching.
    static let threshold = 1 << 20
    /// How many bytes must be queued before a batching wait wakes up.
    static let lowWater: Int32 = 128 * 1024
    /// How long a batching wait holds out for ``lowWater`` bytes.
    static let patience: Duration = .milliseconds(2)

    private var receivedSinceSpeaking = 0
    private var appliedLowWater: Int32 = 1

    /// Whether the next wait should batch.
    var isBatching: Bool { receivedSinceSpeaking >= Self.threshold }

    /// Counts bytes received.
    mutating func received(_ count: Int) {
        receivedSinceSpeaking &+= count
    }

    /// A request went out: what comes back starts a new response.
    mutating func sent(on fileDescriptor: Int32) {
        receivedSinceSpeaking = 0
        setLowWater(1, on: fileDescriptor)
    }

    /// Waits until `fileDescriptor` is readable or `deadline` passes (`false`), batching when a large
    /// response is streaming.
    mutating func waitReadable(_ fileDescriptor: Int32, until deadline: ContinuousClock.Instant?) throws -> Bool {
        if isBatching {
            setLowWater(Self.lowWater, on: fileDescriptor)
            let patient = ContinuousClock.now + Self.patience
            let until = deadline.map { min($0, patient) } ?? patient
            if try SocketWait.wait(fileDescriptor, for: .readable, until: until) { return true }
            // The result is ending, or the server slowed down: back to waking for every byte.
            receivedSinceSpeaking = 0
            setLowWater(1, on: fileDescriptor)
        }
        return try SocketWait.wait(fileDescriptor, for: .readable, until: deadline)
    }

    private mutating func setLowWater(_ bytes: Int32, on fileDescriptor: Int32) {
        guard bytes != appliedLowWater else { return }
        var value = bytes
        // If the kernel refuses, waits simply wake for every byte, as without batching.
        if setsockopt(fileDescriptor, SOL_SOCKET, SO_RCVLOWAT, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 {
            appliedLowWater = bytes
        }
    }
}
