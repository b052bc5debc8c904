#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One address to connect to: a resolved IPv4/IPv6 address or a Unix-domain socket path.
struct SocketAddress {
    /// `AF_INET`, `AF_INET6` or `AF_UNIX`.
    let family: Int32
    /// The address as a person would write it: "127.0.0.1", "::1", "/tmp/.s.PGSQL.5432".
    let text: String
    private var storage: sockaddr_storage
    private let length: socklen_t

    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    static let closeOnExec = Int32(SOCK_CLOEXEC.rawValue)
    #else
    static let streamType = SOCK_STREAM
    static let closeOnExec: Int32 = 0
    #endif

    /// The longest Unix-domain socket path the kernel accepts (sun_path less its terminating NUL).
    static let maximumUnixPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// Resolves `host` (or parses `numericAddress`, skipping DNS) into every address for `port`, in
    /// the order getaddrinfo returns them.
    ///
    /// - Throws: `ClientError(.resolve, …)` in libpq's words.
    static func resolve(host: String, numericAddress: String?, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = AI_NUMERICSERV | (numericAddress == nil ? 0 : AI_NUMERICHOST)
        var list: UnsafeMutablePointer<addrinfo>?
        let result = getaddrinfo(numericAddress ?? host, String(port), &hints, &list)
        guard result == 0, let first = list else {
            let reason = result == EAI_SYSTEM ? PosixErrorText.text(errno) : String(cString: gai_strerror(result))
            if let numericAddress {
                throw ClientError(.resolve, "could not parse network address \"\(numericAddress)\": \(reason)")
            }
            throw ClientError(.resolve, "could not translate host name \"\(host)\" to address: \(reason)")
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr,
               entry.pointee.ai_family == AF_INET || entry.pointee.ai_family == AF_INET6 {
                addresses.append(SocketAddress(copying: address, length: entry.pointee.ai_addrlen))
            }
            cursor = entry.pointee.ai_next
        }
        if addresses.isEmpty {
            throw ClientError(.resolve, "could not translate host name \"\(numericAddress ?? host)\" to address: no IPv4 or IPv6 address")
        }
        return addresses
    }

    /// An IP address copied out of getaddrinfo's list (which is freed right after).
    private init(copying address: UnsafePointer<sockaddr>, length: socklen_t) {
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { destination in
            destination.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(length)))
        }
        self.storage = storage
        self.length = length
        self.family = Int32(address.pointee.sa_family)
        self.text = Self.numericHost(address, length)
    }

    /// A Unix-domain socket address, or `nil` when the path does not fit in `sun_path`.
    init?(unixPath: String) {
        let pathBytes = Array(unixPath.utf8)
        guard pathBytes.count <= Self.maximumUnixPathBytes else { return nil }
        var unixAddress = sockaddr_un()
        unixAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &unixAddress.sun_path) { path in
            path.copyBytes(from: pathBytes)
        }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { destination in
            withUnsafeBytes(of: unixAddress) { destination.copyMemory(from: $0) }
        }
        self.storage = storage
        self.length = socklen_t(MemoryLayout<sockaddr_un>.size)
        self.family = AF_UNIX
        self.text = unixPath
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length, as connect(2) wants.
    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }

    /// "127.0.0.1", "::1", "fe80::1%eth0".
    private static func numericHost(_ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> String {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let result = getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
        guard result == 0 else { return "???" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
