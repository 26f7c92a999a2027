/// Why an OTLP request body could not be decoded at all (the route answers 400).
public struct OTLPDecodingError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
