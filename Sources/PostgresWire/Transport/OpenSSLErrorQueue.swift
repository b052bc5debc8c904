import COpenSSL

/// The calling thread's OpenSSL error queue, turned into words.
///
/// OpenSSL reports failures by pushing codes onto a per-thread queue; SSL_get_error is only reliable
/// when that queue was empty before the call. So every OpenSSL call site clears it first and drains it
/// afterwards, and the queue is never left dirty for the next caller.
enum OpenSSLErrorQueue {
    /// One drained entry.
    struct Entry: Equatable {
        var code: UInt
        /// The reason string ("certificate verify failed"), or "SSL error code N" when OpenSSL has none.
        var reason: String
        /// The reason number (e.g. `SSL_R_WRONG_VERSION_NUMBER`), for decisions rather than display.
        var reasonCode: Int32
    }

    /// Empties the queue before an OpenSSL call.
    static func clear() {
        ERR_clear_error()
    }

    /// Empties the queue and returns its entries, oldest first.
    static func drain() -> [Entry] {
        var entries: [Entry] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { return entries }
            let reason = ERR_reason_error_string(code).map { String(cString: $0) } ?? "SSL error code \(code)"
            entries.append(Entry(code: code, reason: reason, reasonCode: ERR_GET_REASON(code)))
        }
    }

    /// Empties the queue and describes it in one line: distinct reasons joined by "; ".
    static func drainedDescription() -> String {
        describe(drain())
    }

    /// Distinct reasons joined by "; ", or "no SSL error reported" (libpq's words) when there are none.
    static func describe(_ entries: [Entry]) -> String {
        var reasons: [String] = []
        for entry in entries where !reasons.contains(entry.reason) {
            reasons.append(entry.reason)
        }
        return reasons.isEmpty ? "no SSL error reported" : reasons.joined(separator: "; ")
    }
}
