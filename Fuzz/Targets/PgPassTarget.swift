// libFuzzer target: password files (~/.pgpass) through PgPassFile, libpq's matching rules.
//
// Input: the file's contents. Lookups use fixed connection fields and fields taken from the input's
// first line, so the fuzzer can make lines that match, escapes included.
// Oracle: the first line's own fields, unescaped, must match it when none holds `*` or a backslash.
import PostgresWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPgPass(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let contents = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    PgPassFuzz.run(contents)
    return 0
}

enum PgPassFuzz {
    static func run(_ contents: String) {
        let file = PgPassFile(contents: contents)
        _ = file.password(host: "localhost", port: 5432, database: "postgres", user: "postgres")
        _ = file.password(host: "/var/run/postgresql", port: 5432, database: "db", user: "u")
        _ = file.password(host: "", port: 0, database: "", user: "")
        // Lines and fields by bytes, as the file format is: "\r\n" is one Character in Swift, not a newline.
        guard var line = Array(contents.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).first,
              line.first != UInt8(ascii: "#") else { return }
        while line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let fields = line.split(separator: UInt8(ascii: ":"), maxSplits: 4, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 5 else { return }
        let host = fields[0]
        let database = fields[2]
        let user = fields[3]
        let port = Int(fields[1]) ?? 5432
        let found = file.password(host: host, port: port, database: database, user: user)
        // Bytes, not Characters: a backslash followed by a combining mark is one Character but still an escape.
        let plain = fields[0..<4].allSatisfy { !$0.utf8.contains(UInt8(ascii: "*")) && !$0.utf8.contains(UInt8(ascii: "\\")) && !$0.isEmpty }
        if plain, String(port) == fields[1], !host.isEmpty, !database.isEmpty, !user.isEmpty,
           !["localhost"].contains(host), !host.hasPrefix("/") {
            precondition(found != nil, "the first line's own fields did not match it: \(line)")
        }
    }
}
