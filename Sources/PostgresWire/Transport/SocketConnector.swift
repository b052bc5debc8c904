#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PlainSocket {
    /// Opens a TCP connection to `host`:`port`, or to `hostaddr` when given (which skips DNS, as libpq's `hostaddr`).
    ///
    /// Resolves with getaddrinfo (`AF_UNSPEC`) and tries every address in order, IPv6 and IPv4 alike,
    /// each within `timeout` seconds (`nil` or ≤ 0 waits as long as the system does).
    /// The socket gets `TCP_NODELAY` and `SO_KEEPALIVE`.
    ///
    /// - Throws: `ClientError(.resolve, …)` when the name cannot be resolved, `ClientError(.connect, …)`
    ///   naming every address tried and why it failed.
    static func connect(host: String, hostaddr: String?, port: Int, timeout: Double?) throws -> PlainSocket {
        let numericAddress = hostaddr.flatMap { $0.isEmpty ? nil : $0 }
        let addresses = try SocketAddress.resolve(host: host, numericAddress: numericAddress, port: port)
        var failures: [String] = []
        for address in addresses {
            // libpq names hostaddr when given, else the host plus the looked-up address when they differ.
            let displayedHost = numericAddress ?? host
            let shown = numericAddress == nil && address.text != host ? " (\(address.text))" : ""
            let prefix = "connection to server at \"\(displayedHost)\"\(shown), port \(port) failed: "
            do {
                let descriptor = try openConnected(to: address, timeout: timeout)
                setTCPOptions(descriptor)
                return PlainSocket(adopting: descriptor, remoteAddressDescription: address.text)
            } catch let failure as ConnectAttemptFailure {
                failures.append(prefix + failure.reason)
            }
        }
        throw ClientError(.connect, failures.joined(separator: "; "))
    }

    /// Opens a Unix-domain socket connection to `unixPath` (e.g. "/tmp/.s.PGSQL.5432") within `timeout` seconds.
    ///
    /// - Throws: `ClientError(.connect, "connection to server on socket \"…\" failed: …")`.
    static func connect(unixPath: String, timeout: Double?) throws -> PlainSocket {
        let prefix = "connection to server on socket \"\(unixPath)\" failed: "
        guard let address = SocketAddress(unixPath: unixPath) else {
            throw ClientError(
                .connect,
                "Unix-domain socket path \"\(unixPath)\" is too long (maximum \(SocketAddress.maximumUnixPathBytes) bytes)"
            )
        }
        do {
            let descriptor = try openConnected(to: address, timeout: timeout)
            return PlainSocket(adopting: descriptor, remoteAddressDescription: unixPath)
        } catch let failure as ConnectAttemptFailure {
            throw ClientError(.connect, prefix + failure.reason)
        }
    }

    /// Why one address could not be connected, in words (the caller adds which address).
    private struct ConnectAttemptFailure: Error {
        var reason: String
    }

    /// Creates a socket for `address` and connects it without blocking longer than `timeout`;
    /// returns the descriptor in blocking mode.
    private static func openConnected(to address: SocketAddress, timeout: Double?) throws -> Int32 {
        let descriptor = socket(address.family, SocketAddress.streamType | SocketAddress.closeOnExec, 0)
        guard descriptor >= 0 else {
            throw ConnectAttemptFailure(reason: "could not create socket: \(PosixErrorText.text(errno))")
        }
        do {
            try connectWithTimeout(descriptor, to: address, timeout: timeout)
            try PlainSocket.setBlocking(descriptor, true)
            return descriptor
        } catch {
            _ = closeSocketDescriptor(descriptor)
            if let failure = error as? ConnectAttemptFailure { throw failure }
            throw ConnectAttemptFailure(reason: "\(error)")
        }
    }

    /// A non-blocking connect followed by poll, so that the timeout is ours rather than the kernel's.
    private static func connectWithTimeout(_ descriptor: Int32, to address: SocketAddress, timeout: Double?) throws {
        try PlainSocket.setBlocking(descriptor, false)
        let result = address.withSockaddr { connectDescriptor(descriptor, $0, $1) }
        if result == 0 { return }
        let code = errno
        // EINTR leaves the connection in progress, exactly like EINPROGRESS.
        guard code == EINPROGRESS || code == EINTR else {
            throw ConnectAttemptFailure(reason: PosixErrorText.text(code))
        }
        let deadline: ContinuousClock.Instant? = timeout.flatMap { seconds in
            seconds > 0 ? ContinuousClock.now.advanced(by: .milliseconds(Int64((seconds * 1000).rounded(.up)))) : nil
        }
        guard try SocketWait.wait(descriptor, for: .writable, until: deadline) else {
            throw ConnectAttemptFailure(reason: "timeout expired after \(DurationText.phrase(timeout ?? 0))")
        }
        var pending: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &pending, &length) < 0 {
            throw ConnectAttemptFailure(reason: PosixErrorText.text(errno))
        }
        if pending != 0 {
            throw ConnectAttemptFailure(reason: PosixErrorText.text(pending))
        }
    }

    /// TCP_NODELAY because the protocol sends small messages and waits for answers;
    /// SO_KEEPALIVE so a silently vanished server is eventually noticed, as libpq does by default.
    private static func setTCPOptions(_ descriptor: Int32) {
        var enabled: Int32 = 1
        let size = socklen_t(MemoryLayout<Int32>.size)
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, size)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_KEEPALIVE, &enabled, size)
    }
}

// File-scope forwarders: inside PlainSocket, `connect` and `close` name its own members.
private func connectDescriptor(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}

private func closeSocketDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
