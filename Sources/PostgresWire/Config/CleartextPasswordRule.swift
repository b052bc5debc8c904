extension ConnectionConfiguration {
    /// Whether the password may be sent in cleartext, when a server asks for it that way
    /// (pg_hba.conf method `password`), on a connection to `endpoint`.
    ///
    /// libpq sends it wherever it is asked to. pgcheck refuses by default when the bytes would cross a
    /// network unencrypted (TCP without TLS), because anyone on the path can read the password, and a
    /// man in the middle who answered "no TLS" to our SSLRequest can ask for it that way on purpose.
    /// It is allowed:
    /// - over TLS (the channel is encrypted; with `verify-full` it also goes to the right server);
    /// - over a Unix-domain socket (the bytes never leave the machine's kernel);
    /// - when `require_auth` names `password` in its allow-list (`require_auth=password`, or
    ///   `require_auth=password,scram-sha-256`): the person connecting has said they accept it.
    ///   A negated list such as `!md5` does not count, as it never mentions cleartext.
    public func permitsCleartextPassword(to endpoint: Endpoint, overTLS: Bool) -> Bool {
        overTLS || endpoint.isUnixSocket || (requireAuthPolicy?.explicitlyAllows(.password) ?? false)
    }
}
