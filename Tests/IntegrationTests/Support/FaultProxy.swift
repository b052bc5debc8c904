import Foundation

/// Test support: a TCP proxy on 127.0.0.1 in front of a real server that injects network faults.
///
/// Each accepted connection gets a ``Plan`` (chosen by its index, from 0): bytes are relayed both ways
/// until the plan's trigger fires, then the proxy cuts the connection (both sockets shut down, as a
/// crashed server or a reset would look to the client) or stalls it (keeps both sockets open and
/// forwards nothing more from the server, as a hung server or a black-holed route would). Server
/// bytes may also be trickled a few at a time. Triggers can count raw bytes (works through TLS) or
/// name a backend message by type (plaintext connections), so a test can cut "in the 5,000th DataRow,
/// 7 bytes in". ``stop()`` releases stalls and closes everything.
final class FaultProxy: @unchecked Sendable {
    /// When a fault fires.
    enum Trigger: Sendable {
        /// After forwarding this many bytes from the server (0: as soon as the server sends anything).
        case serverBytes(Int)
        /// At the `occurrence`-th server message of this type (1-based), after forwarding `keepingBytes`
        /// of it (0: right before it). Needs a plaintext connection.
        case serverMessage(UInt8, occurrence: Int = 1, keepingBytes: Int = 0)
        /// When the client sends bytes containing this text; those bytes are not forwarded.
        case clientSends(String)
    }

    /// What happens when the trigger fires.
    enum Action: Sendable {
        /// Close both sides.
        case cut
        /// Forward nothing more from the server; keep both sockets open until the client leaves.
        case stall
    }

    /// What the proxy does to one connection.
    struct Plan: Sendable {
        var trigger: Trigger?
        var action: Action = .cut
        /// Forward server bytes `bytes` at a time with `interval` between chunks.
        var trickle: (bytes: Int, interval: Duration)?
        /// Answer the client's SSLRequest with 'N' without asking the server: a downgrade attacker.
        var refuseTLS = false

        static let passThrough = Plan()
        static func cut(_ trigger: Trigger) -> Plan { Plan(trigger: trigger, action: .cut) }
        static func stall(_ trigger: Trigger) -> Plan { Plan(trigger: trigger, action: .stall) }
    }

    private let listener: LoopbackListener
    private let targetPort: Int
    private let planFor: @Sendable (Int) -> Plan
    private let lock = NSLock()
    private var links: [FaultLink] = []
    private var accepted = 0
    private var stopped = false
    private let acceptorDone = DispatchSemaphore(value: 0)

    /// The port clients connect to.
    var port: Int { listener.port }
    /// How many connections the proxy accepted.
    var acceptedConnections: Int { lock.withLock { accepted } }
    /// How many connections had their fault fire.
    var faultsFired: Int { lock.withLock { links.filter(\.fired).count } }

    /// Starts relaying to 127.0.0.1:`targetPort`; `plan` picks each connection's plan by its index.
    init(targetPort: Int, plan: @escaping @Sendable (Int) -> Plan) throws {
        listener = try LoopbackListener()
        self.targetPort = targetPort
        planFor = plan
        Thread { [self] in acceptLoop() }.start()
    }

    /// The same plan for every connection.
    convenience init(targetPort: Int, plan: Plan) throws {
        try self.init(targetPort: targetPort) { _ in plan }
    }

    deinit { stop() }

    /// Stops accepting, releases stalled connections and closes every socket.
    func stop() {
        let current = lock.withLock { () -> [FaultLink] in
            stopped = true
            return links
        }
        listener.close()
        current.forEach { $0.close() }
    }

    private func acceptLoop() {
        while !lock.withLock({ stopped }) {
            guard let client = listener.accept(timeout: .milliseconds(200)) else { continue }
            let index = lock.withLock { () -> Int in
                accepted += 1
                return accepted - 1
            }
            guard let server = try? LoopbackSocket.connect(port: targetPort) else {
                client.close()
                continue
            }
            let link = FaultLink(client: client, server: server, plan: planFor(index))
            let keep = lock.withLock { () -> Bool in
                if stopped { return false }
                links.append(link)
                return true
            }
            guard keep else {
                link.close()
                return
            }
            link.start()
        }
    }
}

/// One relayed connection: a thread per direction.
final class FaultLink: @unchecked Sendable {
    private let client: LoopbackSocket
    private let server: LoopbackSocket
    private let plan: FaultProxy.Plan
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var _fired = false
    private var clientSentSSLRequest = false
    private var cursor = ServerMessageCursor()

    /// Whether the plan's fault fired.
    var fired: Bool { lock.withLock { _fired } }

    init(client: LoopbackSocket, server: LoopbackSocket, plan: FaultProxy.Plan) {
        self.client = client
        self.server = server
        self.plan = plan
    }

    func start() {
        Thread { [self] in pumpClientToServer() }.start()
        Thread { [self] in pumpServerToClient() }.start()
    }

    /// Closes both sockets and releases a stall.
    func close() {
        client.close()
        server.close()
        finished.signal()
    }

    private func fire() {
        lock.withLock { _fired = true }
        switch plan.action {
        case .cut:
            close()
        case .stall:
            // Wait for the client to give up (the other pump closes everything) or the proxy to stop.
            finished.wait()
            finished.signal()
        }
    }

    private func pumpClientToServer() {
        var first = true
        while true {
            var bytes = client.receive(timeout: nil)
            if bytes.isEmpty { break }
            if first {
                first = false
                if bytes.count >= 8, Array(bytes[4..<8]) == [0x04, 0xD2, 0x16, 0x2F] {
                    if plan.refuseTLS {
                        // Answer for the server: "no TLS here". It never sees the request.
                        lock.withLock { _fired = true }
                        guard client.send([UInt8(ascii: "N")]) else { break }
                        bytes.removeFirst(8)
                        if bytes.isEmpty { continue }
                    } else {
                        lock.withLock { clientSentSSLRequest = true }
                    }
                }
            }
            if case .clientSends(let text)? = plan.trigger, String(decoding: bytes, as: UTF8.self).contains(text) {
                fire()
                break
            }
            guard server.send(bytes) else { break }
        }
        close()
    }

    private func pumpServerToClient() {
        var forwarded = 0
        var triggerAt: Int?
        if case .serverBytes(let count)? = plan.trigger { triggerAt = count }
        while true {
            let bytes = server.receive(timeout: nil)
            if bytes.isEmpty { break }
            if case .serverMessage(let type, let occurrence, let keeping)? = plan.trigger, triggerAt == nil {
                cursor.expectsSSLAnswer = lock.withLock { clientSentSSLRequest }
                if let start = cursor.find(type, occurrence: occurrence, in: bytes, at: forwarded) {
                    triggerAt = start + keeping
                }
            }
            var sendable = bytes[...]
            var fireNow = false
            if let triggerAt, triggerAt < forwarded + bytes.count {
                sendable = bytes[..<max(0, triggerAt - forwarded)]
                fireNow = true
            }
            guard send(Array(sendable)) else { break }
            forwarded += sendable.count
            if fireNow {
                fire()
                break
            }
        }
        close()
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        guard let trickle = plan.trickle else { return client.send(bytes) }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + trickle.bytes)
            guard client.send(Array(bytes[offset..<end])) else { return false }
            offset = end
            Thread.sleep(forTimeInterval: trickle.interval.seconds)
        }
        return true
    }
}

extension Duration {
    /// The duration in seconds, for APIs that take a `TimeInterval`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

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
                let length = Int(header[1]) << 24 | Int(header[2]) << 16 | Int(header[3]) << 8 | Int(header[4])
                skip = max(0, length - 4)
                header.removeAll()
            }
        }
        return nil
    }
}
