import PGTestSupport

/// Follows the server's plaintext message stream to find the n-th message of a type.
struct ServerMessageCursor {
    /// Whether the first server byte is the one-byte answer to an SSLRequest.
    var expectsSSLAnswer = false
    private var position = 0
    private var header: [UInt8] = []
    private var skip = 0
    private var counts: [UInt8: Int] = [:]
    private var opaque = false

    /// The absolute offset where the `occurrence`-th message of `type` starts, if it starts in `bytes`
    /// (which begin at absolute offset `start`).
    mutating func find(_ type: UInt8, occurrence: Int, in bytes: [UInt8], at start: Int) -> Int? {
        precondition(position == start, "the cursor must see every server byte once")
        defer { position = start + bytes.count }
        var index = 0
        while index < bytes.count, !opaque {
            if expectsSSLAnswer, position == 0, index == 0, start == 0 {
                expectsSSLAnswer = false
                // 'S': TLS follows and the messages are encrypted.
                if bytes[0] == UInt8(ascii: "S") { opaque = true }
                index = 1
                continue
            }
            if skip > 0 {
                let step = min(skip, bytes.count - index)
                skip -= step
                index += step
                continue
            }
            if header.isEmpty {
                let messageType = bytes[index]
                counts[messageType, default: 0] += 1
                if messageType == type, counts[messageType] == occurrence { return start + index }
            }
            header.append(bytes[index])
            index += 1
            if header.count == 5 {
                let length = WireBytes.uint32(in: header, at: 1)
                skip = max(0, length - 4)
                header.removeAll()
            }
        }
        return nil
    }
}
