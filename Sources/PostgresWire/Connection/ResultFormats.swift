/// The format of each result column to ask for in Bind, and the session settings binary values are to be
/// rendered under: the choice ``PostgresConnection/execute(_:_:resultFormats:onColumns:onRow:)`` takes.
///
/// ``serverText(columns:settings:)`` asks for binary exactly where pgcheck prints the server's text
/// byte for byte (``ServerTextSettings/rendersBinary(_:)``) and for text everywhere else: the output is
/// what text format gives, at the server's cheaper binary-format cost.
public struct ResultFormats: Sendable, Equatable {
    /// One format per result column, or a single format for every column (an empty list: all text).
    public let formats: [PostgresFormat]
    /// The settings the formats were chosen under; the result's ``PostgresColumns/textSettings``.
    public let textSettings: ServerTextSettings

    /// Formats as given.
    public init(_ formats: [PostgresFormat], textSettings: ServerTextSettings = .assumed) {
        self.formats = formats
        self.textSettings = textSettings
    }

    /// Every column in one format.
    public static func all(_ format: PostgresFormat, textSettings: ServerTextSettings = .assumed) -> ResultFormats {
        ResultFormats([format], textSettings: textSettings)
    }

    /// Binary for every column whose type `settings` renders exactly as the server prints it, text for
    /// the others; all text when the statement returns no rows.
    public static func serverText(columns: PostgresColumns?, settings: ServerTextSettings) -> ResultFormats {
        guard let columns, columns.count > 0 else { return .all(.text, textSettings: settings) }
        let formats = (0..<columns.count).map { settings.rendersBinary(columns.typeOID(at: $0)) ? PostgresFormat.binary : .text }
        if formats.allSatisfy({ $0 == .text }) { return .all(.text, textSettings: settings) }
        return ResultFormats(formats, textSettings: settings)
    }

}
