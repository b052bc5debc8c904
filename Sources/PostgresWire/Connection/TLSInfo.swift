/// What a TLS-encrypted connection negotiated.
public struct TLSInfo: Sendable, Equatable {
    /// "TLSv1.3", "TLSv1.2".
    public let protocolVersion: String
    /// The cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    public let cipher: String
}
