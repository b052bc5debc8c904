import PostgresWire

/// The two running SHA-256 digests of one column: over the whole table and over the current range.
///
/// Values are gathered in a small buffer and fed to both digests in blocks, which keeps the cost per
/// value to a memory copy rather than two library calls. Memory is the buffer, whatever the row count.
final class ColumnDigest {
    private var total: SHA256Hasher? = SHA256Hasher()
    private var range: SHA256Hasher? = SHA256Hasher()
    private var pending: [UInt8] = []
    private let blockSize: Int

    init(blockSize: Int = 32 * 1024) {
        self.blockSize = blockSize
        pending.reserveCapacity(blockSize + 256)
    }

    /// Adds one value, as its COPY text field followed by the newline that ends it in the hashed stream.
    ///
    /// - Parameters:
    ///   - text: the value's text output, nil for NULL.
    ///   - plain: the text has nothing COPY escapes (numbers, dates, UUIDs), so it is copied as it is.
    func add(text: UnsafeRawBufferPointer?, plain: Bool) {
        if plain, let text {
            pending.append(contentsOf: text)
        } else {
            CopyTextEscaping.append(text, to: &pending)
        }
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= blockSize { drain() }
    }

    /// The current range's digest; the next value starts a new range.
    func finishRange() -> String {
        drain()
        let digest = range.take()!.finalize()
        range = SHA256Hasher()
        return digest.hexString
    }

    /// The whole column's digest. Call once, after the last value.
    func finishTotal() -> String {
        drain()
        return total.take()!.finalize().hexString
    }

    private func drain() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { bytes in
            total!.update(bytes)
            range!.update(bytes)
        }
        pending.removeAll(keepingCapacity: true)
    }
}
