/// What the client says about channel binding in the GS2 header of a SCRAM exchange (RFC 5802 section 6).
///
/// Channel binding ties the SCRAM proof to the TLS connection, so a man in the middle that terminates
/// TLS with its own certificate cannot relay the exchange.
enum SCRAMChannelBinding: Sendable, Equatable {
    /// `"n,,"`: the client does not support channel binding (for example, the connection has no TLS).
    case unsupported
    /// `"y,,"`: the client supports channel binding but the server did not offer `SCRAM-SHA-256-PLUS`.
    /// A server that does support it then knows someone stripped PLUS from its offer, and refuses.
    case supportedButNotUsed
    /// `"p=tls-server-end-point,,"`: bind to the server certificate (RFC 5929), whose hash is sent
    /// as the channel-binding data.
    ///
    /// - Parameter certificateHash: the server certificate's DER bytes hashed with its signature
    ///   algorithm's hash, SHA-256 when that is MD5 or SHA-1 (RFC 5929 section 4.1).
    case tlsServerEndPoint(certificateHash: [UInt8])

    /// The GS2 header that starts the client-first-message, including its two commas.
    var gs2Header: String {
        switch self {
        case .unsupported: "n,,"
        case .supportedButNotUsed: "y,,"
        case .tlsServerEndPoint: "p=tls-server-end-point,,"
        }
    }

    /// What the client-final-message's `c=` attribute carries, base64-encoded: the GS2 header followed
    /// by the channel-binding data, if any.
    var channelBindingInput: [UInt8] {
        switch self {
        case .unsupported, .supportedButNotUsed:
            Array(gs2Header.utf8)
        case .tlsServerEndPoint(let certificateHash):
            Array(gs2Header.utf8) + certificateHash
        }
    }

    /// Whether this selects the `-PLUS` mechanism, that is, actually binds to the channel.
    var bindsToChannel: Bool {
        if case .tlsServerEndPoint = self { true } else { false }
    }
}
