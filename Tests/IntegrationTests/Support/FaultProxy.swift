import Foundation

/// Test support: a TCP proxy on 127.0.0.1 in front of a real server that injects network faults.
///
/// Each accepted connection gets a ``Plan`` (chosen by its index, from 0): bytes are relayed both ways
/// until the plan's trigger fires, then the proxy cuts the connection (both sockets shut down, as a
/// crashed server or a reset would look to the client), stalls it (keeps both sockets open and
/// forwards nothing more from the server, as a hung server or a black-holed route would) or stops
/// reading from the client (so the client's sends block once the buffers on the way are full, as with a
/// server or middlebox that stopped reading). Server bytes may also be trickled a few at a time, and
/// client bytes taken slowly. Triggers can count raw bytes (works through TLS) or name a backend
/// message by type (plaintext connections), so a test can cut "in the 5,000th DataRow, 7 bytes in".
/// ``stop()`` releases stalls and closes everything.
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
        /// After forwarding this many bytes from the client (works through TLS).
        case clientBytes(Int)
    }

    /// What happens when the trigger fires.
    enum Action: Sendable {
        /// Close both sides.
        case cut
        /// Forward nothing more from the server; keep both sockets open until the client leaves.
        case stall
        /// Read nothing more from the client (use with a client trigger): its bytes pile up in the kernel
        /// buffers until its sends block. Server bytes are still relayed; the client's socket stays open
        /// until the proxy stops, even if the server hangs up.
        case stopReading
    }

    /// What the proxy does to one connection.
    struct Plan: Sendable {
        var trigger: Trigger?
        var action: Action = .cut
        /// Forward server bytes `bytes` at a time with `interval` between chunks.
        var trickle: (bytes: Int, interval: Duration)?
        /// Read client bytes at most `bytes` at a time with `interval` between reads: a slow reader.
        var clientTrickle: (bytes: Int, interval: Duration)?
        /// Answer the client's SSLRequest with 'N' without asking the server: a downgrade attacker.
        var refuseTLS = false

        static let passThrough = Plan()
        static func cut(_ trigger: Trigger) -> Plan { Plan(trigger: trigger, action: .cut) }
        static func stall(_ trigger: Trigger) -> Plan { Plan(trigger: trigger, action: .stall) }
        static func stopReading(_ trigger: Trigger) -> Plan { Plan(trigger: trigger, action: .stopReading) }

        /// Whether the proxy takes the client's bytes slowly or not at all. Such a link gets a small
        /// receive buffer (the kernel would otherwise grow it to many megabytes), so the client's sends
        /// wait for the proxy soon rather than after filling that buffer.
        var readsClientSlowly: Bool { action == .stopReading || clientTrickle != nil }
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
    /// When the first fault fired, if one did.
    var firstFaultFiredAt: ContinuousClock.Instant? { lock.withLock { links.compactMap(\.firedAt).min() } }

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
            let plan = planFor(index)
            if plan.readsClientSlowly { client.setReceiveBuffer(bytes: 64 * 1024) }
            let link = FaultLink(client: client, server: server, plan: plan)
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
