#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
import PGSupport
#endif

/// Waiting for a socket to become readable or writable, with an optional deadline.
///
/// Every blocking point in the transport goes through here, so deadlines, `EINTR` and the
/// wake-up caused by ``PlainSocket/shutdown()`` are handled in exactly one place.
enum SocketWait {
    /// What to wait for.
    enum Readiness {
        case readable
        case writable

        fileprivate var pollEvents: Int16 {
            switch self {
            case .readable: Int16(POLLIN)
            case .writable: Int16(POLLOUT)
            }
        }
    }

    /// Blocks until `fileDescriptor` is ready (or in an error/hang-up state, which the following
    /// read or write will report), or until `deadline` passes.
    ///
    /// - Returns: `true` when the socket is ready, `false` when the deadline passed first.
    ///   A deadline already in the past still checks once, so data that has arrived is never refused.
    static func wait(
        _ fileDescriptor: Int32,
        for readiness: Readiness,
        until deadline: ContinuousClock.Instant?
    ) throws -> Bool {
        while true {
            var descriptor = pollfd(fd: fileDescriptor, events: readiness.pollEvents, revents: 0)
            let timeoutMilliseconds = deadline.map(milliseconds(until:)) ?? -1
            let result = poll(&descriptor, 1, timeoutMilliseconds)
            if result > 0 { return true }
            if result == 0 {
                // poll may wake a hair early on a coarse clock; only give up once the deadline truly passed.
                if let deadline, ContinuousClock.now < deadline { continue }
                return false
            }
            let code = errno
            if code == EINTR { continue }
            throw ClientError(.io, "could not wait for the socket: \(PosixErrorText.text(code))")
        }
    }

    /// The poll(2) timeout for `deadline`: rounded up so we never wake before it, clamped to `Int32`.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = ContinuousClock.now.duration(to: deadline)
        if remaining <= .zero { return 0 }
        return Int32(clamping: remaining.roundedUpMilliseconds)
    }
}
