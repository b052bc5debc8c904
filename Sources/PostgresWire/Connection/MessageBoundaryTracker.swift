/// Follows backend message boundaries through the bytes a connection receives, so that when the
/// server goes silent or hangs up the error can say exactly where in the conversation that happened:
/// "in the middle of a DataRow message (received 4,096 of 70,005 bytes)" rather than just "closed".
///
/// It reads only each message's 5-byte header and skips bodies by count, so it costs a few
/// instructions per message. It never judges the bytes (the framer does that); after a length that
/// cannot be right it simply stops following and says so.
struct MessageBoundaryTracker {
    /// Where the received bytes end, relative to the message structure.
    enum Position: Equatable {
        /// Nothing received yet.
        case start
        /// The last byte received completed a message of this type.
        case between(lastType: UInt8)
        /// Part of a 5-byte header was received (at least its type byte).
        case inHeader(type: UInt8, received: Int)
        /// Part of a message body was received.
        case inBody(type: UInt8, received: Int, total: Int)
        /// A header announced an impossible length; positions after it are unknown.
        case lost
    }

    private var header: [UInt8] = []
    private var type: UInt8 = 0
    private var bodyLength = 0
    private var bodyRemaining = 0
    private var lastCompleteType: UInt8?
    private var isLost = false
    /// Complete messages seen so far.
    private(set) var completedMessages = 0

    /// Accounts for the next received bytes.
    mutating func observe(_ bytes: UnsafeRawBufferPointer) {
        guard !isLost else { return }
        var offset = 0
        let count = bytes.count
        while offset < count {
            if bodyRemaining > 0 {
                let step = min(bodyRemaining, count - offset)
                bodyRemaining -= step
                offset += step
                if bodyRemaining == 0 { finishMessage() }
            } else if header.isEmpty, count - offset >= 5 {
                // The common case: a whole header inside this chunk.
                begin(type: bytes[offset], length: Int32(bitPattern: bytes.loadBigEndianUInt32(at: offset + 1)))
                offset += 5
            } else {
                header.append(bytes[offset])
                offset += 1
                if header.count == 5 {
                    let length = Int32(bitPattern: UInt32(header[1]) << 24 | UInt32(header[2]) << 16 | UInt32(header[3]) << 8 | UInt32(header[4]))
                    let headerType = header[0]
                    header.removeAll(keepingCapacity: true)
                    begin(type: headerType, length: length)
                }
            }
            if isLost { return }
        }
    }

    /// Where the bytes received so far end.
    var position: Position {
        if isLost { return .lost }
        if let type = header.first { return .inHeader(type: type, received: header.count) }
        if bodyRemaining > 0 { return .inBody(type: type, received: bodyLength - bodyRemaining + 5, total: bodyLength + 5) }
        return lastCompleteType.map { .between(lastType: $0) } ?? .start
    }

    /// The position as a phrase that completes "the server closed the connection …" or
    /// "no data arrived …": what was being received, or what came last.
    var phrase: String {
        switch position {
        case .start:
            return "before the server sent any message"
        case .between(let last):
            return "after \(BackendMessageType.phrase(last)), between messages"
        case .inHeader(let type, let received):
            return "in the middle of the header of \(BackendMessageType.phrase(type, detail: "received \(received) of 5 header bytes"))"
        case .inBody(let type, let received, let total):
            return "in the middle of \(BackendMessageType.phrase(type, detail: "received \(received.formatted) of \(total.formatted) bytes"))"
        case .lost:
            return "after a message with an invalid length"
        }
    }

    private mutating func begin(type: UInt8, length: Int32) {
        guard length >= 4 else {
            isLost = true
            return
        }
        self.type = type
        bodyLength = Int(length) - 4
        bodyRemaining = bodyLength
        if bodyRemaining == 0 { finishMessage() }
    }

    private mutating func finishMessage() {
        lastCompleteType = type
        completedMessages += 1
    }
}

extension Int {
    /// Digits grouped by thousands ("70,005"): byte counts in errors are read by people.
    fileprivate var formatted: String {
        let digits = String(magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (self < 0 ? "-" : "") + grouped
    }
}
