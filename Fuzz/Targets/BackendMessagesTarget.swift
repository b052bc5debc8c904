// libFuzzer target: a byte stream as a hostile server would send it, through everything the client
// runs on received bytes before a caller sees a value: MessageFramer, BackendMessage.decode,
// DataRowColumns, the value renderer, both protocol state machines, and the MessageBoundaryTracker
// that names where a cut happened. Any crash, trap or sanitizer report is a finding; thrown errors are
// the expected outcome for malformed input.
//
// Oracle: the tracker must agree with the framer on where messages end, however the bytes are chunked.
@testable import PostgresWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBackendMessages(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    BackendStreamFuzz.run(bytes)
    return 0
}

enum BackendStreamFuzz {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let framer = MessageFramer()
        let rowIndex = DataRowColumns(capacity: 4)
        var query = QueryStateMachine()
        var startup = try? StartupStateMachine(settings: .init(
            user: "fuzz", password: "fuzz-password", channelBinding: .prefer, tlsInUse: true,
            tlsServerEndPointHash: Array(repeating: 1, count: 32), requireAuth: nil))
        var columns: PostgresColumns?
        var offset = 0
        var framingFailed = false
        while offset < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            let frame: MessageFrame
            do {
                guard let next = try framer.nextFrame(in: rest) else { break }
                frame = next
            } catch {
                framingFailed = true
                break
            }
            handle(frame, rowIndex: rowIndex, columns: &columns, query: &query, startup: &startup)
            offset += frame.wireLength
        }
        if !framingFailed { checkTracker(bytes, consumed: offset) }
    }

    private static func handle(
        _ frame: MessageFrame, rowIndex: DataRowColumns, columns: inout PostgresColumns?,
        query: inout QueryStateMachine, startup: inout StartupStateMachine?
    ) {
        if frame.type == BackendMessageType.dataRow {
            // Without a RowDescription the client refuses the row before indexing it; index it anyway
            // (with the row's own count, never negative, as a RowDescription's never is) to reach
            // DataRowColumns with every kind of body.
            let ownCount = frame.body.count >= 2 ? max(0, Int(Int16(bitPattern: frame.body.loadBigEndianUInt16(at: 0)))) : 0
            guard (try? rowIndex.index(frame.body, expectedCount: columns?.count ?? ownCount)) != nil, let columns else { return }
            let row = PostgresRow(body: frame.body, index: rowIndex, columns: columns)
            for column in 0..<row.count {
                let description = columns.descriptions[column]
                let format = PostgresFormat(rawValue: description.formatCode) ?? .binary
                _ = row.withBytes(at: column) { value in
                    value.map { PostgresTextRenderer.render(bytes: $0, format: format, type: description.dataTypeOID) }
                }
            }
            return
        }
        guard let message = try? BackendMessage.decode(type: frame.type, body: frame.body) else { return }
        if case .rowDescription(let description) = message { columns = PostgresColumns(description) }
        _ = try? query.receive(message)
        if startup != nil, (try? startup!.receive(message)) == nil { startup = nil }
    }

    /// Feeds the bytes to two trackers, whole and in small chunks: both must end where the framer did.
    private static func checkTracker(_ bytes: UnsafeRawBufferPointer, consumed: Int) {
        var whole = MessageBoundaryTracker()
        whole.observe(bytes)
        var chunked = MessageBoundaryTracker()
        var offset = 0
        let step = Int(bytes[0] % 7) + 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            chunked.observe(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
        precondition(whole.position == chunked.position, "tracker position depends on chunking: \(whole.position) vs \(chunked.position)")
        switch whole.position {
        case .start, .between:
            precondition(consumed == bytes.count, "tracker says between messages, framer stopped at \(consumed) of \(bytes.count)")
        case .inHeader, .inBody:
            precondition(consumed < bytes.count, "tracker says mid-message, framer consumed everything")
        case .lost:
            break
        }
    }
}
