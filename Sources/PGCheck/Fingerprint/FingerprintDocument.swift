import Foundation

/// A table's data fingerprint: the JSON `pgcheck fingerprint` writes (format `pgcheck-fingerprint`, version 1).
///
/// ```json
/// {
///   "format": "pgcheck-fingerprint",
///   "version": 1,
///   "table": "public.usage_events",
///   "orderBy": ["id"],
///   "rangeSize": 100000,
///   "encoding": {"copy": "text", "DateStyle": "ISO, YMD", "IntervalStyle": "postgres", "TimeZone": "UTC",
///                "extra_float_digits": "1", "bytea_output": "hex"},
///   "ranges": [
///     {"index": 0, "rows": 100000, "firstKey": ["1"], "lastKey": ["100000"], "sha256": {"id": "…", "meter": "…"}}
///   ],
///   "columns": [{"name": "id", "type": "bigint", "sha256": "…"}],
///   "rowCount": 250000,
///   "meta": {"capturedAt": "2025-11-25T10:00:00Z", "database": "billing", "serverVersion": "15.18", "pgcheckVersion": "0.1.0"}
/// }
/// ```
///
/// What the hashes cover: the rows are read in `orderBy` order (text keys in the "C" collation) with
/// `COPY (SELECT …) TO STDOUT` in text format under the `encoding` settings, which pin every type's
/// text output (time zone, date and interval styles, float digits, bytea). A column's `sha256` is the
/// SHA-256 of its values in that order, each value's COPY text field (`\N` for NULL, backslash
/// escapes as COPY writes them) followed by a newline. A range is `rangeSize` consecutive rows;
/// its `sha256` holds the same hash per column over just those rows, and its first and last ordering
/// keys (NULL keys as `null`). The same data always gives the same hashes, whatever the server's
/// settings, physical row order or column order; `meta` records when and where, and comparison
/// ignores it.
public struct FingerprintDocument: Codable, Sendable, Equatable {
    /// The value of ``format``.
    public static let formatName = "pgcheck-fingerprint"
    /// The version this pgcheck writes and reads.
    public static let currentVersion = 1

    /// Always ``formatName``.
    public var format: String
    /// The document version.
    public var version: Int
    /// The table, schema-qualified and quoted as needed (`public.usage_events`).
    public var table: String
    /// The ordering key columns.
    public var orderBy: [String]
    /// Rows per range.
    public var rangeSize: Int
    /// How values were turned into text before hashing.
    public var encoding: [String: String]
    /// Consecutive row ranges in key order.
    public var ranges: [RowRange]
    /// The fingerprinted columns, in table order.
    public var columns: [Column]
    /// Rows in the table.
    public var rowCount: Int
    /// When and where it was taken (ignored by comparison).
    public var meta: [String: String]

    /// One fingerprinted column.
    public struct Column: Codable, Sendable, Equatable {
        /// The column name.
        public var name: String
        /// Its type, as `format_type` prints it.
        public var type: String
        /// SHA-256 (hex) over all its values in key order.
        public var sha256: String
    }

    /// One range of consecutive rows.
    public struct RowRange: Codable, Sendable, Equatable {
        /// 0-based position.
        public var index: Int
        /// Rows in the range (``FingerprintDocument/rangeSize`` except for the last).
        public var rows: Int
        /// The ordering key of its first row (one entry per key column; nil for NULL).
        public var firstKey: [String?]
        /// The ordering key of its last row.
        public var lastKey: [String?]
        /// SHA-256 (hex) per column over this range's values.
        public var sha256: [String: String]
    }

    /// Reads a fingerprint file, checking its format and version.
    public static func load(path: String) throws -> FingerprintDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FingerprintError.invalidFile(path: path, problem: "cannot read the file")
        }
        if let header = try? JSONDecoder().decode(Header.self, from: data) {
            guard header.format == formatName else {
                throw FingerprintError.invalidFile(path: path, problem: "not a pgcheck fingerprint (format is \"\(header.format)\")")
            }
            guard header.version == currentVersion else {
                throw FingerprintError.invalidFile(path: path, problem: "fingerprint version \(header.version); this pgcheck reads version \(currentVersion)")
            }
        }
        do {
            return try JSONDecoder().decode(FingerprintDocument.self, from: data)
        } catch let error as DecodingError {
            throw FingerprintError.invalidFile(path: path, problem: "not a valid pgcheck fingerprint (\(Self.explain(error)))")
        }
    }

    /// Just enough to recognise the file before decoding all of it.
    private struct Header: Decodable {
        var format: String
        var version: Int
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "the document" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)) has no \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "it is not JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
