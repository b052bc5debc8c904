import Foundation

/// Turns the `host`, `hostaddr` and `port` settings into the endpoints to try, with libpq's
/// list rules (`pqConnectOptions2`):
///
/// - `hostaddr` and `host` are comma-separated lists; when both are given they must have the
///   same number of items, and item *i* of each describes the same server.
/// - `port` is one port for every host, or exactly one port per host; an empty item means 5432.
/// - A slot with neither a host nor a hostaddr gets the default Unix socket directory; pgcheck
///   expands it into ``ConnectionConfiguration/defaultSocketDirectories``, one endpoint each.
enum EndpointList {
    /// The socket directories tried, in order, when no host is given.
    static let defaultSocketDirectories = ConnectionConfiguration.defaultSocketDirectories

    /// A setting's value and where it came from, so that errors can point at the right place.
    typealias Setting = ConfigurationAssembler.Setting

    /// The endpoints to try, in order.
    static func endpoints(host: Setting?, hostaddr: Setting?, port: Setting?) throws -> [Endpoint] {
        let addresses = hostaddr.flatMap { $0.value.isEmpty ? nil : items($0.value) }
        let names = host.flatMap { $0.value.isEmpty ? nil : items($0.value) }
        let slotCount = addresses?.count ?? names?.count ?? 1

        if let names, let addresses, names.count != addresses.count {
            throw ClientError(
                .configuration,
                "could not match \(names.count) host names to \(addresses.count) hostaddr values; "
                    + "give one host name per hostaddr, or no host")
        }
        let ports = try portNumbers(port, slotCount: slotCount)

        var endpoints: [Endpoint] = []
        for slot in 0..<slotCount {
            let address = addresses?[slot] ?? ""
            let name = names?[slot] ?? ""
            if !address.isEmpty {
                try checkNumericAddress(address, origin: hostaddr?.originSuffix ?? "")
                endpoints.append(Endpoint(host: name, hostaddr: address, port: ports[slot]))
            } else if !name.isEmpty {
                endpoints.append(Endpoint(host: name, port: ports[slot]))
            } else {
                endpoints += defaultSocketDirectories.map { Endpoint(host: $0, port: ports[slot]) }
            }
        }
        return endpoints
    }

    /// Splits a libpq list on commas, keeping empty items (`a,,b` is three items).
    static func items(_ list: String) -> [String] {
        list.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            .map { ConnectionStringBytes.string($0) }
    }

    /// One port per slot: a single port is repeated; otherwise the counts must match.
    private static func portNumbers(_ port: Setting?, slotCount: Int) throws -> [Int] {
        guard let port, !port.value.isEmpty else {
            return Array(repeating: Endpoint.defaultPort, count: slotCount)
        }
        let texts = items(port.value)
        if texts.count != 1, texts.count != slotCount {
            throw ClientError(
                .configuration,
                "could not match \(texts.count) port numbers to \(slotCount) hosts; "
                    + "give one port for all hosts or one per host")
        }
        let numbers = try texts.map { try portNumber($0, origin: port.originSuffix) }
        return texts.count == 1 ? Array(repeating: numbers[0], count: slotCount) : numbers
    }

    /// One port item: empty means the default; otherwise an integer from 1 to 65535.
    private static func portNumber(_ text: String, origin: String) throws -> Int {
        guard !text.isEmpty else { return Endpoint.defaultPort }
        guard let number = LibpqInteger.parse(text) else {
            throw ClientError(
                .configuration, "invalid integer value \"\(text)\" for connection option \"port\"\(origin)")
        }
        guard (1...65535).contains(number) else {
            throw ClientError(.configuration, "invalid port number: \"\(text)\"\(origin); ports run from 1 to 65535")
        }
        return Int(number)
    }

    /// libpq hands `hostaddr` to `getaddrinfo` with `AI_NUMERICHOST`; do the same now, so that a
    /// host name given as `hostaddr` fails before any connection attempt.
    private static func checkNumericAddress(_ address: String, origin: String) throws {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(address, nil, &hints, &result)
        if let result { freeaddrinfo(result) }
        guard status == 0 else {
            throw ClientError(
                .configuration,
                "could not parse network address \"\(address)\"\(origin): \(String(cString: gai_strerror(status))); "
                    + "hostaddr takes a numeric IP address, put host names in host")
        }
    }
}
