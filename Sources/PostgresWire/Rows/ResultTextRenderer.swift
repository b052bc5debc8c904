/// Lends the values of one result's rows as the server's text output, whichever format each column
/// arrived in, without allocating: text-format values are lent as received, binary ones are rendered
/// into a buffer the renderer reuses for every value (under the result's
/// ``PostgresColumns/textSettings``).
///
/// What output sinks use to print a result whose formats were chosen by
/// ``ResultFormats/serverText(columns:settings:)``: the printed bytes are those the server would have
/// sent in text format.
///
/// ```swift
/// let renderer = ResultTextRenderer(columns: columns)
/// row.forEachValue { index, bytes in
///     renderer.withText(bytes, column: index) { text in write(text) }
/// }
/// ```
///
/// One renderer serves one result on one thread; the bytes lent to `body` are valid only during the call,
/// and `body` must not call ``withText(_:column:_:)`` again.
public final class ResultTextRenderer {
    /// The result's columns.
    public let columns: PostgresColumns
    private let rendering: ServerTextRendering
    private let kinds: UnsafeMutablePointer<ValueTextKind>
    private let count: Int
    /// The rendered value, and working space for array elements (behind pointers: a class's stored
    /// `var`s would be checked for exclusive access on every value).
    private let output: UnsafeMutablePointer<TextBuffer>
    private let scratch: UnsafeMutablePointer<TextBuffer>

    /// A renderer for the rows of the result described by `columns`.
    public init(columns: PostgresColumns) {
        self.columns = columns
        rendering = ServerTextRendering(columns.textSettings)
        count = columns.count
        kinds = .allocate(capacity: max(count, 1))
        for index in 0..<count {
            (kinds + index).initialize(to: ValueTextKind(format: columns.format(at: index), type: columns.typeOID(at: index)))
        }
        output = .allocate(capacity: 1)
        output.initialize(to: TextBuffer(capacity: 256))
        scratch = .allocate(capacity: 1)
        scratch.initialize(to: TextBuffer(capacity: 64))
    }

    deinit {
        kinds.deallocate()
        output.pointee.free()
        output.deallocate()
        scratch.pointee.free()
        scratch.deallocate()
    }

    /// Whether column `index`'s bytes are its text as received (text format, or a binary type whose bytes
    /// are its text, such as `text` or `varchar`).
    public func isVerbatim(_ index: Int) -> Bool {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        return kinds[index] == .verbatim
    }

    /// Whether every column is verbatim: the rows can be printed from their received bytes.
    public var allVerbatim: Bool { (0..<count).allSatisfy { kinds[$0] == .verbatim } }

    /// Whether every value column `index` can hold renders as plain ASCII letters, digits, spaces and
    /// `-+:./` (numbers, dates and times, UUIDs, booleans, intervals in binary format): text that no
    /// output format quotes or escapes.
    public func isPlainASCII(_ index: Int) -> Bool {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        return kinds[index].isPlainASCII
    }

    /// Lends the text of column `index`'s value `bytes` (nil for NULL) to `body`: the bytes themselves for
    /// a verbatim column, else their rendering. A binary value that does not fit its type's layout is
    /// lent as `\x` and its bytes in hex.
    @inline(__always)
    public func withText<R>(_ bytes: UnsafeRawBufferPointer?, column index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard let bytes else { return try body(nil) }
        return try body(text(of: bytes, column: index))
    }

    /// The text of column `index`'s (non-NULL) value `bytes`: the bytes themselves for a verbatim column,
    /// else their rendering in the renderer's buffer, valid until the next call. The call for sinks'
    /// inner loops: no closure, no allocation.
    public func text(of bytes: UnsafeRawBufferPointer, column index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        let kind = kinds[index]
        if kind == .verbatim { return bytes }
        output.pointee.removeAll()
        if !rendering.append(bytes, kind: kind, to: &output.pointee, scratch: &scratch.pointee) {
            output.pointee.removeAll()
            PostgresTextRenderer.appendHex(bytes, to: &output.pointee)
        }
        return output.pointee.bytes
    }
}
