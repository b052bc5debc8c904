// libFuzzer target: snapshot files (the JSON `pgcheck snapshot` writes, `pgcheck diff` reads) through
// Snapshot.decode, which must refuse anything that is not a snapshot with an error, never a crash.
//
// Oracle: whatever decodes must re-encode to canonical JSON that decodes to an equal snapshot and
// re-encodes to the same bytes.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(bytes: data, count: size)
    guard let snapshot = try? Snapshot.decode(from: bytes) else { return 0 }
    do {
        let encoded = try snapshot.encodedJSON()
        let again = try Snapshot.decode(from: encoded)
        precondition(again == snapshot, "a decoded snapshot does not survive its own encoding")
        let reencoded = try again.encodedJSON()
        precondition(reencoded == encoded, "canonical encoding is not stable")
    } catch {
        preconditionFailure("a decoded snapshot cannot be re-encoded and decoded: \(error)")
    }
    return 0
}
