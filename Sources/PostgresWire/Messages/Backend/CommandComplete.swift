/// CommandComplete ('C'): a statement finished; its tag says what it did ("SELECT 3", "INSERT 0 1").
public struct CommandComplete: Sendable, Equatable {
    /// The command tag.
    public var tag: String

    /// Creates the message.
    public init(tag: String) { self.tag = tag }

    /// The row count at the end of the tag, for the commands that report one.
    public var rowCount: Int? {
        guard let last = tag.split(separator: " ").last, let count = Int(last) else { return nil }
        return tag.contains(" ") ? count : nil
    }

    /// The command word(s) without the counts ("SELECT", "CREATE TABLE").
    public var command: String {
        String(tag.split(separator: " ").prefix { Int($0) == nil }.joined(separator: " "))
    }

    static func decode(_ reader: inout MessageReader) throws -> CommandComplete {
        let tag = try reader.readCString()
        try reader.expectEnd()
        return CommandComplete(tag: tag)
    }
}
