// libFuzzer target: snapshot files (the JSON `pgcheck snapshot` writes, `pgcheck diff` reads) through
// Snapshot.decode, which must refuse anything that is not a snapshot with an error, never a crash.
//
// Oracles: the fast path (JSONParser + JSONTapeDecoder) never accepts what JSONDecoder reads differently:
// whatever it decodes, JSONDecoder decodes equal. Whatever decodes must re-encode to canonical JSON
// (written from the JSONValue tree) that is byte for byte JSONEncoder's, decodes to an equal snapshot
// and re-encodes to the same bytes.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(bytes: data, count: size)
    if let fast = Snapshot.decodeStrictly(from: bytes) {
        let reference = try? Snapshot.decodeWithFoundation(from: bytes)
        precondition(reference == fast, "the fast path decodes a snapshot JSONDecoder reads differently")
    }
    guard let snapshot = try? Snapshot.decode(from: bytes) else { return 0 }
    do {
        let encoded = try snapshot.encodedJSON()
        var foundation = try Snapshot.canonicalEncoder().encode(snapshot)
        foundation.append(UInt8(ascii: "\n"))
        precondition(encoded == foundation, "canonical bytes differ from JSONEncoder's")
        let again = try Snapshot.decode(from: encoded)
        precondition(again == snapshot, "a decoded snapshot does not survive its own encoding")
        let reencoded = try again.encodedJSON()
        precondition(reencoded == encoded, "canonical encoding is not stable")
    } catch {
        preconditionFailure("a decoded snapshot cannot be re-encoded and decoded: \(error)")
    }
    return 0
}
