import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An OpenSSL BIO that reads and writes a socket descriptor with recv/send.
///
/// OpenSSL's own socket BIO writes with write(2), which raises `SIGPIPE` when the server has gone
/// away and would kill the process. This one sends with `MSG_NOSIGNAL`, so a closed peer becomes an
/// ordinary error (libpq replaces the BIO for the same reason). It never closes the descriptor: the
/// ``PlainSocket`` owns it.
enum SocketBIO {
    /// Creates a BIO for `fileDescriptor`, or `nil` if OpenSSL cannot allocate one.
    static func make(fileDescriptor: Int32) -> OpaquePointer? {
        guard let method, let bio = BIO_new(method) else { return nil }
        BIO_set_data(bio, encode(fileDescriptor))
        return bio
    }

    /// The method table, created once (Swift's lazy static initialisation is thread-safe).
    nonisolated(unsafe) private static let method: OpaquePointer? = makeMethod()

    private static func makeMethod() -> OpaquePointer? {
        let type = BIO_get_new_index() | BIO_TYPE_DESCRIPTOR | BIO_TYPE_SOURCE_SINK
        guard let method = BIO_meth_new(type, "pgcheck socket") else { return nil }
        guard BIO_meth_set_read(method, readCallback) == 1,
              BIO_meth_set_write(method, writeCallback) == 1,
              BIO_meth_set_ctrl(method, controlCallback) == 1,
              BIO_meth_set_create(method, createCallback) == 1
        else {
            BIO_meth_free(method)
            return nil
        }
        return method
    }

    // The descriptor travels in the BIO's data pointer. It is offset by one so descriptor 0 is not a
    // null pointer, which saves allocating (and freeing) a box per connection.
    private static func encode(_ fileDescriptor: Int32) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: Int(fileDescriptor) + 1)
    }

    fileprivate static func decode(_ bio: OpaquePointer) -> Int32 {
        Int32(truncatingIfNeeded: Int(bitPattern: BIO_get_data(bio)) - 1)
    }

    /// Whether an errno means "nothing now, try again" (which OpenSSL reports as WANT_READ/WANT_WRITE).
    fileprivate static func isTransient(_ code: Int32) -> Bool {
        code == EAGAIN || code == EWOULDBLOCK || code == EINTR
    }
}

private let createCallback: @convention(c) (OpaquePointer?) -> Int32 = { bio in
    guard let bio else { return 0 }
    BIO_set_init(bio, 1)
    return 1
}

private let readCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32 = { bio, buffer, size in
    guard let bio, let buffer, size > 0 else { return 0 }
    errno = 0
    let received = recv(SocketBIO.decode(bio), buffer, Int(size), 0)
    BIO_clear_flags(bio, pgcheck_BIO_FLAGS_RWS() | BIO_FLAGS_SHOULD_RETRY)
    if received < 0, SocketBIO.isTransient(errno) {
        BIO_set_flags(bio, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY)
    } else if received == 0 {
        // Lets OpenSSL tell a peer that vanished without close_notify from other failures.
        BIO_set_flags(bio, BIO_FLAGS_IN_EOF)
    }
    return Int32(received)
}

private let writeCallback: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = { bio, bytes, size in
    guard let bio, let bytes, size > 0 else { return 0 }
    errno = 0
    let sent = send(SocketBIO.decode(bio), bytes, Int(size), Int32(MSG_NOSIGNAL))
    BIO_clear_flags(bio, pgcheck_BIO_FLAGS_RWS() | BIO_FLAGS_SHOULD_RETRY)
    if sent < 0, SocketBIO.isTransient(errno) {
        BIO_set_flags(bio, BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY)
    }
    return Int32(sent)
}

private let controlCallback: @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int = { bio, command, _, _ in
    switch command {
    case BIO_CTRL_FLUSH:
        // Writes go straight to the socket; there is nothing buffered to flush.
        return 1
    case BIO_CTRL_EOF:
        guard let bio else { return 0 }
        return BIO_test_flags(bio, BIO_FLAGS_IN_EOF) != 0 ? 1 : 0
    default:
        return 0
    }
}
