import BatonCore
import Foundation

extension BatchFormat {
    /// The format for a `Content-Type` header, or `nil` when the type is not supported.
    /// A missing header is read as JSON.
    init?(contentType: String?) {
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
