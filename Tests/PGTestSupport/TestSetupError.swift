/// A failure to prepare what a test needs (a socket, a file, a certificate), not a failure of the
/// code under test.
public struct TestSetupError: Error, CustomStringConvertible, Sendable {
    /// What could not be prepared, and why.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
