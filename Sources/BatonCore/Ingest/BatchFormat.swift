/// How a batch of records is encoded in a request body.
public enum BatchFormat: Sendable, Hashable {
    /// A JSON array of records, an object `{"records": [...]}`, or a single record object.
    case json
    /// Newline-delimited JSON: one record per line; blank lines are skipped.
    case ndjson
}
