#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// IPv4/IPv6 literals as libpq recognises them (inet_aton for IPv4, so "127.1" counts, and inet_pton for IPv6).
enum IPAddressLiteral {
    static func isAddress(_ host: String) -> Bool {
        ipv4Bytes(host) != nil || ipv6Bytes(host) != nil
    }

    static func ipv4Bytes(_ host: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_aton(host, &address) != 0 else { return nil }
        return withUnsafeBytes(of: address.s_addr) { Array($0) }
    }

    static func ipv6Bytes(_ host: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    /// "127.0.0.1" or "::1" for 4 or 16 network-order bytes.
    static func text(_ bytes: [UInt8]) -> String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let converted = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard converted != nil else { return "???" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// libpq's test for sending SNI: a host made only of digits and dots, or containing ':', is an address.
    static func looksLikeAddressForSNI(_ host: String) -> Bool {
        host.allSatisfy { $0 == "." || ("0"..."9").contains($0) } || host.contains(":")
    }
}
