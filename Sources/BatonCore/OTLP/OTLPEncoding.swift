import Foundation

/// The two encodings of OTLP/HTTP. The response uses the request's.
public enum OTLPEncoding: Sendable, Hashable {
    case protobuf
    case json

    /// The encoding for a `Content-Type` header, or `nil` when it is neither (415).
    public init?(contentType: String?) {
        let mediaType = contentType?.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch mediaType {
        case "application/x-protobuf", "application/protobuf": self = .protobuf
        case "application/json": self = .json
        default: return nil
        }
    }

    public var contentType: String {
        switch self {
        case .protobuf: return "application/x-protobuf"
        case .json: return "application/json"
        }
    }
}
