import PsqlFormat

/// The formats streamed results can be written in.
public enum RowOutputFormat: String, Sendable, CaseIterable {
    /// psql's aligned table (``AlignedTableSink``).
    case table
    /// RFC 4180 comma-separated values as `psql --csv` prints them (``CSVSink``).
    case csv
    /// Tab-separated values in COPY text format, with a header (``TSVSink``).
    case tsv
    /// One JSON object per row (``JSONLinesSink``).
    case jsonl

    /// A sink writing this format to `writer`. `title` is used by the table format only.
    public func makeSink(writer: OutputWriter, title: String? = nil) -> any RowSink {
        switch self {
        case .table: return AlignedTableSink(writer: writer, title: title)
        case .csv: return CSVSink(writer: writer)
        case .tsv: return TSVSink(writer: writer)
        case .jsonl: return JSONLinesSink(writer: writer)
        }
    }
}
