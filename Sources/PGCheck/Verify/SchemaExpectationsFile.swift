import Foundation

/// A reviewed expectations file for `pgcheck verify --file FILE`, in YAML.
///
/// ```yaml
/// # Fixtures/expectations/usage-events-0003.yaml
/// version: 1                                # optional; 1 is the only version
/// expectations:
///   - table: usage_events
///   - column: usage_events.window_start     # the --column spelling works too:
///     type: timestamptz                     #   column: usage_events.window_start:timestamptz
///   - column: usage_events.metadata
///     type: jsonb
///     not-null: true                        # false requires a nullable column
///   - index: usage_admin_bucket_idx
///     on: usage_events
///     covers: [window_start, window_end, source]   # or "window_start,window_end,source"
///     unique: true
///     key-prefix: [admin_id, meter, bucket_start]
///   - constraint: usage_events_quantity_check
///     on: usage_events
///   - valid: true                           # every index valid and ready, every constraint validated
/// ```
///
/// Each entry of `expectations` has exactly one of the keys `table`, `column`, `index`, `constraint`,
/// `valid`, plus the keys that go with it, spelled like the command-line flags. Names follow SQL:
/// unquoted names fold to lower case; write a mixed-case name in double quotes inside single
/// quotes (`index: '"MyIndex"'`). Unknown keys, missing values and malformed names are errors that name
/// the line, so a typo never silently drops a check. Values are read as text (no YAML type guessing);
/// `true`/`false` are the only booleans.
public enum SchemaExpectationsFile {
    /// Reads and checks an expectations file.
    ///
    /// - Throws: ``VerifyError/invalidExpectationsFile(path:line:column:problem:)``.
    public static func load(path: String) throws -> [SchemaExpectation] {
        let reader = ExpectationsFileReader(path: path)
        return try reader.file(try reader.input.readText())
    }

    /// Parses expectations-file text; `path` names it in errors.
    public static func parse(_ text: String, path: String = "<expectations file>") throws -> [SchemaExpectation] {
        try ExpectationsFileReader(path: path).file(text)
    }
}
