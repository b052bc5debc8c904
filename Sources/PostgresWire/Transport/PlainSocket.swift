import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected, blocking TCP or Unix-domain socket.
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

    private var deadline = ReadDeadline()
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

    /// `nil` = block forever. Checked with poll() before each blocking read.
    var readDeadline: ContinuousClock.Instant? {
        get { deadline.instant }
        set { deadline.instant = newValue }
    }

    /// The deadline together with the span it allowed, for streams layered on this socket.
    var readDeadlineState: ReadDeadline { deadline }

    /// Reads what has arrived, waiting (until the deadline, if any) only when nothing has.
    ///
    /// With a deadline the receive is tried first without blocking and poll is consulted only when it
    /// finds nothing, so a busy stream costs one system call per read rather than two.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        precondition(buffer.count > 0, "read(into:) needs room for at least one byte")
        let flags = deadline.instant == nil ? Int32(0) : Int32(MSG_DONTWAIT)
        while true {
            let received = recv(fileDescriptor, buffer.baseAddress, buffer.count, flags)
            if received >= 0 { return received }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                // No data yet (or the descriptor was made non-blocking): wait properly instead of spinning.
                if try !SocketWait.wait(fileDescriptor, for: .readable, until: deadline.instant) {
                    throw deadline.expiredError()
                }
            default:
                throw ClientError(.io, Self.receiveFailure(code))
            }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let sent = send(fileDescriptor, next, remaining, Int32(MSG_NOSIGNAL))
            if sent > 0 {
                next += sent
                remaining -= sent
                continue
            }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                _ = try SocketWait.wait(fileDescriptor, for: .writable, until: nil)
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
