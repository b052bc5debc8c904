import Foundation
import PGSupport
import PGTestSupport

/// One relayed connection: a thread per direction.
final class FaultLink: @unchecked Sendable {
    private let client: LoopbackSocket
    private let server: LoopbackSocket
    private let plan: FaultProxy.Plan
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var _fired = false
    private var _firedAt: ContinuousClock.Instant?
    private var clientSentSSLRequest = false
    private var cursor = ServerMessageCursor()

    /// Whether the plan's fault fired.
    var fired: Bool { lock.withLock { _fired } }
    /// When the plan's trigger fired (a refused TLS request does not count).
    var firedAt: ContinuousClock.Instant? { lock.withLock { _firedAt } }

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
        lock.withLock {
            _fired = true
            _firedAt = .now
        }
        switch plan.action {
        case .cut:
            close()
        case .stall, .stopReading:
            // Wait for the client to give up (the other pump closes everything) or the proxy to stop.
            // Fired by the client pump, this is what stops reading the client.
            finished.wait()
            finished.signal()
        }
    }

    private func pumpClientToServer() {
        var first = true
        var forwarded = 0
        while true {
            var bytes = client.receive(maximum: plan.clientTrickle?.bytes ?? 64 * 1024, timeout: nil)
            if bytes.isEmpty { break }
            if first {
                first = false
                if WireBytes.isSSLRequest(bytes) {
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
            if case .clientBytes(let count)? = plan.trigger, forwarded + bytes.count >= count {
                guard server.send(Array(bytes[..<(count - forwarded)])) else { break }
                fire()
                break
            }
            guard server.send(bytes) else { break }
            forwarded += bytes.count
            if let clientTrickle = plan.clientTrickle { Thread.sleep(forTimeInterval: clientTrickle.interval.inSeconds) }
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
        // A proxy that stopped reading is stuck, not gone: even when the server hangs up (it may reject
        // the part of a message it got), the client sees nothing until the proxy stops.
        if plan.action == .stopReading, fired { return }
        close()
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        guard let trickle = plan.trickle else { return client.send(bytes) }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + trickle.bytes)
            guard client.send(Array(bytes[offset..<end])) else { return false }
            offset = end
            Thread.sleep(forTimeInterval: trickle.interval.inSeconds)
        }
        return true
    }
}
