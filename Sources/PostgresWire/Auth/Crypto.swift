import COpenSSL

/// The hashing, MAC, key-derivation and randomness primitives authentication needs, all from the
/// system libcrypto so that no cryptography is implemented here.
enum Crypto {
    /// The length in bytes of a SHA-256 digest, an HMAC-SHA-256 and a SCRAM-SHA-256 key.
    static let sha256Length = 32

    /// The SHA-256 digest of `bytes`.
    static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let digest = bytes.withContiguousStorageIfAvailable { sha256(UnsafeRawBufferPointer($0)) }
        return digest ?? Array(bytes).withUnsafeBytes { sha256($0) }
    }

    /// The SHA-256 digest of raw memory (for example a DER-encoded certificate borrowed from OpenSSL).
    static func sha256(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        digest(data, algorithm: EVP_sha256(), name: "SHA-256", length: sha256Length)
    }

    /// HMAC-SHA-256 of `message` under `key` (RFC 2104).
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var outputLength: UInt32 = 0
        let result = key.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                HMAC(
                    EVP_sha256(),
                    keyBuffer.baseAddress, Int32(keyBuffer.count),
                    messageBuffer.bindMemory(to: UInt8.self).baseAddress, messageBuffer.count,
                    &output, &outputLength
                )
            }
        }
        // HMAC only fails when libcrypto cannot allocate memory; there is nothing sensible to go on with.
        precondition(result != nil && Int(outputLength) == sha256Length, "libcrypto HMAC-SHA-256 failed")
        return Array(output.prefix(sha256Length))
    }

    /// PBKDF2 with HMAC-SHA-256 (RFC 8018), producing one 32-byte block: SCRAM's `Hi()` function.
    ///
    /// - Precondition: `iterations` is between 1 and `Int32.max`; callers validate what a server asks for.
    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        precondition(iterations >= 1 && iterations <= Int(Int32.max), "PBKDF2 iteration count out of range")
        var output = [UInt8](repeating: 0, count: sha256Length)
        let result = password.withUnsafeBytes { passwordBuffer in
            salt.withUnsafeBytes { saltBuffer in
                PKCS5_PBKDF2_HMAC(
                    passwordBuffer.bindMemory(to: CChar.self).baseAddress, Int32(passwordBuffer.count),
                    saltBuffer.bindMemory(to: UInt8.self).baseAddress, Int32(saltBuffer.count),
                    Int32(iterations), EVP_sha256(), Int32(sha256Length), &output
                )
            }
        }
        precondition(result == 1, "libcrypto PBKDF2-HMAC-SHA-256 failed")
        return output
    }

    /// `count` bytes from libcrypto's cryptographically secure generator.
    ///
    /// - Throws: ``ClientError`` (`authentication`) when the generator cannot be seeded.
    static func randomBytes(_ count: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }
        guard RAND_bytes(&output, Int32(count)) == 1 else {
            throw ClientError(
                .authentication,
                "could not generate random bytes (OpenSSL RAND_bytes failed: \(lastOpenSSLError()))"
            )
        }
        return output
    }

    /// The MD5 digest of `bytes` as 32 lowercase hexadecimal digits, as PostgreSQL's MD5 password scheme uses it.
    static func md5Hex(_ bytes: [UInt8]) -> String {
        let md5 = bytes.withUnsafeBytes { digest($0, algorithm: EVP_md5(), name: "MD5", length: 16) }
        return hex(md5)
    }

    /// `bytes` as lowercase hexadecimal digits, two per byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `lhs` and `rhs` are equal, in time that does not depend on where they first differ,
    /// so that comparing a secret against an attacker's guess leaks nothing.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }

    /// A one-shot digest of `data` with `algorithm`.
    private static func digest(
        _ data: UnsafeRawBufferPointer, algorithm: OpaquePointer?, name: String, length: Int
    ) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var outputLength: UInt32 = 0
        // EVP_Digest wants a non-null pointer even for empty input.
        let result = withUnsafeBytes(of: UInt8(0)) { empty in
            EVP_Digest(data.baseAddress ?? empty.baseAddress, data.count, &output, &outputLength, algorithm, nil)
        }
        // A digest only fails when libcrypto is out of memory or, for MD5, when a FIPS-only configuration
        // has disabled the algorithm; neither leaves a meaningful value to return.
        precondition(result == 1 && Int(outputLength) == length, "libcrypto refused to compute \(name)")
        return Array(output.prefix(length))
    }

    /// The text of the most recent OpenSSL error on this thread, or a placeholder when there is none.
    private static func lastOpenSSLError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "no error detail" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
