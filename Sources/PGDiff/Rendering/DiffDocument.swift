import Foundation
import PGSupport
import PGJSON

/// The JSON form of a diff, for CI: `pgcheck diff --format json`.
///
/// ```json
/// {
///   "changes" : [
///     {
///       "action" : "added",
///       "kind" : "column",
///       "localName" : "metadata",
///       "name" : "public.usage_events.metadata",
///       "new" : { "default" : "'{}'::jsonb", "name" : "metadata", "notNull" : true, "position" : 12, "type" : "jsonb" },
///       "schema" : "public",
///       "table" : "public.usage_events"
///     },
///     {
///       "action" : "changed",
///       "kind" : "index",
///       "localName" : "usage_admin_bucket_idx",
///       "name" : "public.usage_admin_bucket_idx",
///       "properties" : [ { "new" : [ "source" ], "old" : null, "property" : "include" } ],
///       "schema" : "public",
///       "table" : "public.usage_events"
///     }
///   ],
///   "formatVersion" : 1,
///   "summary" : { "added" : 1, "changed" : 1, "removed" : 0 }
/// }
/// ```
///
/// ## Format version 1
/// - `formatVersion`: 1. A consumer should refuse other versions; fields may be added within a version,
///   never removed or changed in meaning.
/// - `summary`: counts of `added`, `removed` and `changed` entries.
/// - `changes`: ordered by `kind` (in the order schema, extension, enum, domain, compositeType, sequence,
///   function, table, column, constraint, index, trigger, policy, view, materializedView), then `name`.
///   Each entry has:
///   - `kind`, `action` (`added`, `removed`, `changed`);
///   - `name`: the qualified name in the snapshot's key format (`public.usage_events.metadata` for a column);
///   - `localName`: the unquoted name within its schema or table;
///   - `schema` and, for columns, constraints, indexes, triggers and policies, `table`;
///   - `new` (added) or `old` (removed): the object in the snapshot's JSON form (a table without its
///     columns, constraints and policies, which are entries of their own);
///   - `properties` (changed): `{ "property", "old", "new" }` for each differing property, with
///     dotted paths for nested values (`references.onDelete`) and `null` for an absent value.
/// - Capture metadata is never included: the document depends on the two schemas alone.
public struct DiffDocument: Codable, Sendable, Equatable {
    /// The version this library writes and reads.
    public static let currentFormatVersion = 1

    /// The document's format version.
    public var formatVersion: Int
    /// Counts by action.
    public var summary: SnapshotDiff.Summary
    /// The changes in listing order.
    public var changes: [Change]

    /// The document for `diff`.
    public init(_ diff: SnapshotDiff) {
        formatVersion = Self.currentFormatVersion
        summary = diff.summary
        changes = diff.changes
    }

    /// Pretty-printed JSON with sorted keys and a trailing newline: equal diffs give equal bytes.
    public func encodedJSON() throws -> Data { try CanonicalJSONDocument.data(of: self) }

    /// Reads a document written by ``encodedJSON()``.
    ///
    /// - Throws: ``DiffDocumentError/unsupportedFormatVersion(_:)`` for another format version, or the
    ///   decoder's error for anything that is not such a document.
    public static func decode(from data: Data) throws -> DiffDocument {
        struct Probe: Decodable { let formatVersion: Int }
        let version = try JSONDecoder().decode(Probe.self, from: data).formatVersion
        guard version == currentFormatVersion else { throw DiffDocumentError.unsupportedFormatVersion(version) }
        return try JSONDecoder().decode(DiffDocument.self, from: data)
    }
}

/// Why a diff document could not be read.
public enum DiffDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A document in a format version this library does not read.
    case unsupportedFormatVersion(Int)

    public var description: String {
        switch self {
        case .unsupportedFormatVersion(let version):
            return "unsupported diff formatVersion \(version): this pgcheck reads formatVersion \(DiffDocument.currentFormatVersion)"
        }
    }
}

extension DiffDocumentError: ClassifiedError {
    /// A diff document this version cannot read is bad input.
    public var failureKind: FailureKind { .badInput }
}
