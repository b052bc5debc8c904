/// Turns a received value into the exact text PostgreSQL's output function prints for it, whichever format
/// it arrived in: for display (psql-like tables, CSV, JSON lines) and for comparing with expected text.
///
/// Binary values are rendered under ``ServerTextSettings``: by default ``ServerTextSettings/assumed``
/// (`DateStyle = ISO`, `IntervalStyle = postgres`, `TimeZone = UTC`, `extra_float_digits = 1`,
/// `bytea_output = hex`). To render many values without allocating, use ``ResultTextRenderer``.
public enum PostgresTextRenderer {
    /// The output-function text of a non-NULL value. Text-format values are returned as sent; binary values of
    /// the well-known types and their arrays are rendered; unknown or malformed binary values render as `\x`
    /// and their bytes in hex.
    public static func render(
        bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID, settings: ServerTextSettings = .assumed
    ) -> String {
        if format == .text { return String(decoding: bytes, as: UTF8.self) }
        var out = TextBuffer(capacity: max(64, bytes.count * 2 + 8))
        var scratch = TextBuffer(capacity: 64)
        defer {
            out.free()
            scratch.free()
        }
        let rendering = ServerTextRendering(settings)
        if !rendering.append(bytes, kind: ValueTextKind(binaryType: type), to: &out, scratch: &scratch) {
            out.removeAll()
            appendHex(bytes, to: &out)
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `\x` and the bytes in hex: what a value that cannot be rendered is shown as.
    static func appendHex(_ bytes: UnsafeRawBufferPointer, to out: inout TextBuffer) {
        var scratch = TextBuffer(capacity: 16)
        defer { scratch.free() }
        _ = ServerTextRendering(.assumed).append(bytes, kind: .bytea, to: &out, scratch: &scratch)
    }
}
