import Foundation
import Testing
@testable import PostgresWire

/// Hostile or corrupted payloads must produce a ``PostgresDecodingError`` (or a value), never a crash or
/// another kind of error. The inputs are generated from a fixed seed, so a failure reproduces.
@Suite struct DecodingRobustnessTests {
    /// A small deterministic generator (SplitMix64), so runs are repeatable.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    static let types: [PostgresOID] = [
        PostgresTypeOID.bool, PostgresTypeOID.bytea, PostgresTypeOID.char, PostgresTypeOID.int2, PostgresTypeOID.int4,
        PostgresTypeOID.int8, PostgresTypeOID.oid, PostgresTypeOID.text, PostgresTypeOID.float4, PostgresTypeOID.float8,
        PostgresTypeOID.date, PostgresTypeOID.time, PostgresTypeOID.timestamp, PostgresTypeOID.timestamptz,
        PostgresTypeOID.interval, PostgresTypeOID.numeric, PostgresTypeOID.uuid, PostgresTypeOID.jsonb,
        PostgresTypeOID.int4Array, PostgresTypeOID.textArray, PostgresTypeOID.numericArray, PostgresTypeOID.intervalArray, 0,
    ]

    /// Seeds: real transcripts, so that mutations stay close to valid layouts and reach deep code paths.
    static let seeds: [String] = [
        "0001fffe000000060064", "000b00070000000900 0c0d801ed204d2162e23340d801ed204d2162e2328", "000000036c97ca88000000030000000e",
        "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003",
        "0000000100000000000006a400000003000000010000000c0002000000000002000113880000000800000000c0000000",
        "00000002000000000000001700000002000000010000000200000001000000040000000100000004000000020000000400000003",
        "7fffff5bb3b29fff", "fd0f7fbdaf17e000", "a0eebc999c0b4ef8bb6d6bb9bd380a11", "017b7d", "c35f49eddae6f6e4",
    ].map { $0.replacingOccurrences(of: " ", with: "") }

    /// Text seeds in the forms the text parsers read.
    static let textSeeds: [String] = [
        "{1,NULL,3}", "{\"a b\",\"c\\\"d\",NULL}", "[0:2]={7,8,9}", "2026-11-25 14:29:48.123456+05:30", "4713-01-01 BC",
        "1 year 2 mons 3 days 04:05:06.789", "-1 days +02:00:00", "@ 1 hour ago", "12345678.000100", "-1.5e-300",
        "\\x00ff", "\\001\\\\", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "9223372036854775807", "NaN", "infinity",
    ]

    static func decodeEverything(_ bytes: [UInt8], format: PostgresFormat, type: PostgresOID) throws {
        try bytes.withUnsafeBytes { raw in
            func attempt<T: PostgresDecodable>(_: T.Type) throws {
                do { _ = try T.decode(from: raw, format: format, type: type) } catch is PostgresDecodingError {}
            }
            try attempt(Bool.self); try attempt(UInt8.self); try attempt(Int16.self); try attempt(Int32.self)
            try attempt(Int64.self); try attempt(Int.self); try attempt(UInt32.self); try attempt(Float.self)
            try attempt(Double.self); try attempt(String.self); try attempt(UUID.self); try attempt([UInt8].self)
            try attempt(Data.self); try attempt(Date.self); try attempt(PostgresDate.self); try attempt(PostgresTimestamp.self)
            try attempt(PostgresInterval.self); try attempt(PostgresNumeric.self); try attempt(PostgresJSON.self)
            try attempt([Int?].self); try attempt([String?].self); try attempt([PostgresNumeric?].self)
            try attempt([PostgresInterval].self); try attempt([[UInt8]?].self)
            _ = PostgresTextRenderer.render(bytes: raw, format: format, type: type)
        }
    }

    /// Flips, drops, duplicates or overwrites a few bytes of `seed`.
    static func mutate(_ seed: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8.random(in: 1...255, using: &generator)
            case 1 where !bytes.isEmpty: bytes.remove(at: position)
            case 2: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
            case 3 where !bytes.isEmpty: bytes[position] = [0x00, 0xFF, 0x7F, 0x80, 0x2C, 0x22, 0x5C, 0x7B, 0x7D][Int.random(in: 0..<9, using: &generator)]
            default: bytes = Array(bytes.prefix(position))
            }
        }
        return bytes
    }

    @Test func mutatedBinaryTranscriptsNeverCrash() throws {
        var generator = SeededGenerator(state: 1)
        let seeds = Self.seeds.map(ValuesFixture.bytes)
        for round in 0..<250 {
            let bytes = Self.mutate(seeds[round % seeds.count], using: &generator)
            for type in Self.types { try Self.decodeEverything(bytes, format: .binary, type: type) }
        }
    }

    @Test func mutatedTextNeverCrashes() throws {
        var generator = SeededGenerator(state: 2)
        let seeds = Self.textSeeds.map { Array($0.utf8) }
        for round in 0..<250 {
            let bytes = Self.mutate(seeds[round % seeds.count], using: &generator)
            for type in Self.types { try Self.decodeEverything(bytes, format: .text, type: type) }
        }
    }

    @Test func randomBytesNeverCrash() throws {
        var generator = SeededGenerator(state: 3)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for type in Self.types {
                try Self.decodeEverything(bytes, format: .binary, type: type)
                try Self.decodeEverything(bytes, format: .text, type: type)
            }
        }
    }
}
