import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Probes the loopback interfaces by binding throwaway sockets.
enum LoopbackPorts {
    /// Whether `::1` exists here (some containers have IPv6 disabled), so the server may listen on it.
    static func hasIPv6Loopback() -> Bool {
        canBind(ipv6: true, port: 0) != nil
    }

    /// A TCP port that is free on 127.0.0.1 (and on ::1 too when `alsoIPv6`), chosen by the kernel.
    ///
    /// The port is released before returning, so another process may still take it; the caller
    /// retries with a fresh port if the server then cannot bind it.
    static func freePort(alsoIPv6: Bool) -> Int? {
        for _ in 0..<20 {
            guard let port = canBind(ipv6: false, port: 0) else { return nil }
            if !alsoIPv6 || canBind(ipv6: true, port: port) != nil {
                return port
            }
        }
        return nil
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` (connecting to a loopback port
    /// nobody listens on is refused at once, so this never waits).
    static func acceptsConnections(port: Int) -> Bool {
        #if canImport(Glibc)
        let streamType = Int32(SOCK_STREAM.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, streamType, 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, "127.0.0.1", &address.sin_addr) == 1 else { return false }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return connected == 0
    }

    /// Binds a TCP socket to the loopback address and `port` (0 = any), returns the bound port
    /// or `nil` if binding failed, and closes the socket again.
    private static func canBind(ipv6: Bool, port: Int) -> Int? {
        #if canImport(Glibc)
        let streamType = Int32(SOCK_STREAM.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        let descriptor = socket(ipv6 ? AF_INET6 : AF_INET, streamType, 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }

        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET6, "::1", &address.sin6_addr) == 1 else { return nil }
            return bindAndReadPort(descriptor, &address)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET, "127.0.0.1", &address.sin_addr) == 1 else { return nil }
            return bindAndReadPort(descriptor, &address)
        }
    }

    private static func bindAndReadPort<Address>(_ descriptor: Int32, _ address: inout Address) -> Int? {
        let length = socklen_t(MemoryLayout<Address>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { return nil }
        var actualLength = length
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &actualLength) }
        }
        guard named == 0 else { return nil }
        // sin_port and sin6_port sit at the same offset (2) in both layouts, in network byte order.
        let networkPort = withUnsafeBytes(of: &address) { $0.load(fromByteOffset: 2, as: UInt16.self) }
        return Int(UInt16(bigEndian: networkPort))
    }
}
