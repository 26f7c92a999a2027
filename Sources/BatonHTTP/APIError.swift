import Foundation
package import HTTPTypes
package import Hummingbird

/// An error sent to an API client as `{"error": {"code": "...", "message": "..."}}`.
///
/// Only these reach clients; anything else is logged and becomes a generic 500.
package struct APIError: HTTPResponseError, Sendable {
    package var status: HTTPResponse.Status
    package var code: String
    package var message: String
    package var headers: HTTPFields
    /// Extra top-level members of the error body, such as the per-record rejections of a 422.
    package var details: [String: JSONValueEncodable]

    package init(
        status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:],
        details: [String: JSONValueEncodable] = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.details = details
    }

    package static let unauthorized = APIError(
        status: .unauthorized, code: "unauthorized",
        message:
            "missing or invalid API token; send 'Authorization: Bearer <token>' (create one with `baton token create`)",
        headers: [.wwwAuthenticate: "Bearer"])

    package static func unavailable(retryAfter seconds: Int, message: String) -> APIError {
        APIError(
            status: .serviceUnavailable, code: "unavailable", message: message,
            headers: [.retryAfter: "\(seconds)"])
    }

    /// A request with more records (or spans) than one batch may hold: 413, nothing stored.
    package static func batchTooLarge(count: Int, limit: Int, unit: String) -> APIError {
        APIError(
            status: .contentTooLarge, code: "batch_too_large",
            message: "the batch holds \(count) \(unit); at most \(limit) per request: split it")
    }

    package static let internalError = APIError(
        status: .internalServerError, code: "internal",
        message: "internal error; the server log has the details")

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONCoding.encoder.encode(
            ErrorBody(error: .init(code: code, message: message), details: details))
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The contract's error body, plus any extra top-level members.
struct ErrorBody: Encodable {
    struct Inner: Encodable {
        var code: String
        var message: String
    }
    var error: Inner
    var details: [String: JSONValueEncodable]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(error, forKey: DynamicKey("error"))
        for (key, value) in details { try container.encode(value, forKey: DynamicKey(key)) }
    }
}

/// Any encodable value that can ride along in an error body.
package struct JSONValueEncodable: Encodable, Sendable {
    private let encodeValue: @Sendable (any Encoder) throws -> Void
    package init<T: Encodable & Sendable>(_ value: T) {
        encodeValue = { try value.encode(to: $0) }
    }
    package func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
