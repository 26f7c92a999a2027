import BatonCore
import HTTPTypes
import NIOCore

extension JSONValue {
    /// The JSON value of a request body, or 400 `malformed_body`: `expected` (what the route
    /// takes) and why the body is not JSON, naming the field when the fault is inside one (a
    /// string that is not UTF-8, say).
    static func requestBody(_ buffer: ByteBuffer, expected: String) throws(APIError) -> JSONValue {
        do throws(JSONReader.Failure) {
            return try JSONReader.value(of: buffer.readableBytesView)
        } catch {
            throw APIError(
                status: .badRequest, code: "malformed_body",
                message: "\(expected); the body is not valid JSON: \(error.description)")
        }
    }
}
