import Foundation

/// How a batch of records is encoded in a request body.
public enum BatchFormat: Sendable, Hashable {
    /// A JSON array of records, an object `{"records": [...]}`, or a single record object.
    case json
    /// Newline-delimited JSON: one record per line; blank lines are skipped.
    case ndjson

    /// The format for a `Content-Type` header, or `nil` when the type is not supported.
    /// A missing header is read as JSON.
    public init?(contentType: String?) {
        guard let contentType else {
            self = .json
            return
        }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch mediaType {
        case "application/json", "text/json", "": self = .json
        case "application/x-ndjson", "application/ndjson", "application/jsonl",
            "application/x-jsonlines":
            self = .ndjson
        default: return nil
        }
    }
}
