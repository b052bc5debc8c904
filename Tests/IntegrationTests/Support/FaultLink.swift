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
            Thread.sleep(forTimeInterval: trickle.interval.inSeconds)
        }
        return true
    }
}
