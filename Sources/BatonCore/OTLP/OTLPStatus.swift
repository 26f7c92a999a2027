/// `google.rpc.Status`, the body OTLP/HTTP gives a protobuf client with an error status
/// (JSON clients get Baton's usual JSON error body).
public struct OTLPStatus: Sendable, Hashable {
    /// A gRPC status code: 3 invalid argument, 14 unavailable, and so on.
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        if code != 0 { writer.varintField(1, UInt64(code)) }
        writer.stringField(2, message)
        return writer.bytes
    }

    /// The gRPC code matching an HTTP status, as the OTLP specification pairs them.
    public static func code(forHTTPStatus status: Int) -> Int {
        switch status {
        case 400, 413, 415, 422: return 3  // INVALID_ARGUMENT
        case 401: return 16  // UNAUTHENTICATED
        case 403: return 7  // PERMISSION_DENIED
        case 429: return 8  // RESOURCE_EXHAUSTED
        case 503: return 14  // UNAVAILABLE
        default: return 13  // INTERNAL
        }
    }
}
