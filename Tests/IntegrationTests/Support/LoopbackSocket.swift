import Foundation
import PGSupport
import PGTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Test support: a listening TCP socket on 127.0.0.1 with an ephemeral port, for the fault proxy
/// and the hostile servers. Closed when released.
final class LoopbackListener: @unchecked Sendable {
    private let socket: LoopbackSocket
    /// The port it listens on.
    let port: Int

    init(backlog: Int32 = 128) throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackSocket.failure("socket") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, backlog) == 0 else {
            let error = LoopbackSocket.failure("bind/listen")
            Glibc.close(descriptor)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        socket = LoopbackSocket(descriptor: descriptor)
    }

    /// The next connection, or nil when none arrives within `timeout` or the listener was closed.
    func accept(timeout: Duration = .seconds(10)) -> LoopbackSocket? {
        guard socket.waitReadable(timeout: timeout) else { return nil }
        guard let descriptor = socket.withDescriptor({ Glibc.accept($0, nil, nil) }), descriptor >= 0 else { return nil }
        return LoopbackSocket(descriptor: descriptor)
    }

    /// Stops listening.
    func close() { socket.close() }
}

/// Test support: one connected socket with blocking helpers.
///
/// Any thread may ``close()`` it while another is blocked in it: closing shuts the socket down (which
/// wakes the blocked call) and releases the descriptor only once no call is using it, so a descriptor
/// number is never closed twice or used after another thread got it again.
final class LoopbackSocket: @unchecked Sendable {
    private let lock = NSLock()
    private let descriptor: Int32
    private var users = 0
    private var closing = false
    private var released = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    /// Connects to 127.0.0.1:`port`.
    static func connect(port: Int) throws -> LoopbackSocket {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw failure("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let error = failure("connect to port \(port)")
            Glibc.close(descriptor)
            throw error
        }
        return LoopbackSocket(descriptor: descriptor)
    }

    /// Runs `body` with the descriptor unless the socket is closed.
    func withDescriptor<T>(_ body: (Int32) -> T) -> T? {
        let usable = lock.withLock { () -> Bool in
            guard !closing else { return false }
            users += 1
            return true
        }
        guard usable else { return nil }
        defer {
            let release = lock.withLock { () -> Bool in
                users -= 1
                return closing && users == 0 && !released
            }
            if release { releaseDescriptor() }
        }
        return body(descriptor)
    }

    /// Makes blocking receives on the raw descriptor (such as OpenSSL's) give up after `seconds`, so a
    /// test server thread never waits forever for a client that stopped.
    func setReceiveTimeout(seconds: Int) {
        _ = withDescriptor { descriptor in
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            return setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// Fixes the receive buffer at `bytes` (the kernel doubles it for bookkeeping), which also stops it
    /// from growing as data flows.
    func setReceiveBuffer(bytes: Int32) {
        _ = withDescriptor { descriptor in
            var size = bytes
            return setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Waits until data (or end of stream) can be read; false after `timeout` or when closed.
    func waitReadable(timeout: Duration?) -> Bool {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            let milliseconds: Int32
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                if left <= .zero { return false }
                milliseconds = Int32(clamping: min(left.roundedUpMilliseconds, 100))
            } else {
                milliseconds = 100
            }
            guard let ready = withDescriptor({ descriptor -> Int32 in
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                return poll(&entry, 1, milliseconds)
            }) else { return false }
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return false }
        }
    }

    /// Up to `maximum` bytes; empty at end of stream, on error, on timeout or when closed.
    func receive(maximum: Int = 64 * 1024, timeout: Duration? = .seconds(10)) -> [UInt8] {
        guard waitReadable(timeout: timeout) else { return [] }
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = withDescriptor { descriptor in buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, maximum, 0) } } ?? -1
            if count < 0, errno == EINTR { continue }
            return count > 0 ? Array(buffer[..<count]) : []
        }
    }

    /// Exactly `count` bytes, or nil if the stream ends or stalls first.
    func receive(exactly count: Int, timeout: Duration = .seconds(10)) -> [UInt8]? {
        var bytes: [UInt8] = []
        while bytes.count < count {
            let chunk = receive(maximum: count - bytes.count, timeout: timeout)
            if chunk.isEmpty { return nil }
            bytes += chunk
        }
        return bytes
    }

    /// Sends every byte; false if the peer is gone or the socket closed.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = withDescriptor { descriptor in
                bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            } ?? -1
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Shuts both directions down (waking any thread blocked on it) without releasing the descriptor.
    func shutdownBoth() {
        lock.withLock { if !released { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) } }
    }

    /// Shuts the socket down and releases the descriptor as soon as no call uses it; idempotent.
    func close() {
        let releaseNow = lock.withLock { () -> Bool in
            guard !closing else { return false }
            closing = true
            _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
            return users == 0
        }
        if releaseNow { releaseDescriptor() }
    }

    private func releaseDescriptor() {
        let owned = lock.withLock { () -> Bool in
            guard !released else { return false }
            released = true
            return true
        }
        if owned { Glibc.close(descriptor) }
    }

    static func failure(_ what: String) -> TestSetupError {
        TestSetupError("\(what): \(String(cString: strerror(errno)))")
    }
}
