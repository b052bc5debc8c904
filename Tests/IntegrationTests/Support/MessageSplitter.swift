import PGTestSupport

/// Splits a byte stream into whole protocol messages (type byte, length, body), holding partial ones back.
struct MessageSplitter {
    private var pending: [UInt8] = []
    private var untypedNext: Bool

    init(startsWithUntypedMessage: Bool = false) { untypedNext = startsWithUntypedMessage }

    /// The messages completed by `bytes`.
    mutating func messages(in bytes: [UInt8]) -> [[UInt8]] {
        pending += bytes
        var messages: [[UInt8]] = []
        while true {
            let lengthOffset = untypedNext ? 0 : 1
            guard pending.count >= lengthOffset + 4 else { break }
            let length = WireBytes.uint32(in: pending, at: lengthOffset)
            guard length >= 4 else {
                messages.append(pending)
                pending = []
                break
            }
            guard pending.count >= lengthOffset + length else { break }
            messages.append(Array(pending[..<(lengthOffset + length)]))
            pending.removeFirst(lengthOffset + length)
            untypedNext = false
        }
        return messages
    }
}
