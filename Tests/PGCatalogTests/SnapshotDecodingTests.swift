import Foundation
import PGCatalog
import Testing

/// Reading a file that is not a good snapshot fails with a message that says what is wrong.
@Suite struct SnapshotDecodingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let text: String
        let expected: SnapshotDecodingError
        let phrase: String
        var testDescription: String { label }
    }

    static let validV1 = String(decoding: try! SnapshotSamples.full.encodedJSON(), as: UTF8.self)

    static let cases: [Case] = [
        Case(label: "empty", text: "", expected: .empty, phrase: "empty"),
        Case(label: "whitespace", text: " \n\t", expected: .empty, phrase: "empty"),
        Case(label: "plain text", text: "hello, world", expected: .notJSON(""), phrase: "not JSON"),
        Case(label: "YAML", text: "formatVersion: 1\n", expected: .notJSON(""), phrase: "not JSON"),
        Case(label: "a JSON array", text: "[1, 2]", expected: .notASnapshot("the top level is not a JSON object"), phrase: "not a JSON object"),
        Case(label: "other JSON", text: #"{"name": "package.json"}"#, expected: .notASnapshot("there is no formatVersion field"), phrase: "no formatVersion"),
        Case(label: "string version", text: #"{"formatVersion": "1"}"#, expected: .notASnapshot("formatVersion is not an integer"), phrase: "not an integer"),
        Case(label: "future version", text: #"{"formatVersion": 2, "everything": "else"}"#, expected: .unsupportedFormatVersion(2), phrase: "formatVersion 2"),
        Case(label: "version 0", text: #"{"formatVersion": 0}"#, expected: .unsupportedFormatVersion(0), phrase: "reads formatVersion 1"),
        Case(label: "missing meta", text: #"{"formatVersion": 1}"#, expected: .invalidContent(path: "", detail: "missing field \"meta\""), phrase: "missing field \"meta\""),
        Case(
            label: "bad enum value",
            text: validV1.replacingOccurrences(of: "\"volatility\" : \"immutable\"", with: "\"volatility\" : \"sometimes\""),
            expected: .invalidContent(path: "functions.public.f(p integer).volatility", detail: ""),
            phrase: "at functions.public.f(p integer).volatility"),
    ]

    @Test(arguments: cases)
    func explainsWhatIsWrong(_ testCase: Case) throws {
        let error = try #require(throws: SnapshotDecodingError.self) { try Snapshot.decode(from: Data(testCase.text.utf8)) }
        switch (error, testCase.expected) {
        case (.notJSON, .notJSON):
            break
        case (.invalidContent(let path, _), .invalidContent(let expectedPath, _)):
            #expect(path == expectedPath)
        default:
            #expect(error == testCase.expected)
        }
        #expect(error.description.contains(testCase.phrase), "\(error.description)")
        #expect(!error.description.contains("\n"))
    }

    @Test func everyCutOffPrefixIsReportedAsTruncated() throws {
        let bytes = Array(Self.validV1.utf8)
        for length in stride(from: 1, to: bytes.count - 1, by: 97) + [bytes.count - 2] {
            let error = try #require(throws: SnapshotDecodingError.self) { try Snapshot.decode(from: Data(bytes[..<length])) }
            #expect(error == .truncated, "cut at \(length) of \(bytes.count)")
        }
        #expect(SnapshotDecodingError.truncated.description.contains("truncated"))
    }

    @Test func theCompleteFileStillDecodes() throws {
        #expect(try Snapshot.decode(from: Data(Self.validV1.utf8)) == SnapshotSamples.full)
        // Without its trailing newline too.
        #expect(try Snapshot.decode(from: Data(Self.validV1.dropLast().utf8)) == SnapshotSamples.full)
    }
}
