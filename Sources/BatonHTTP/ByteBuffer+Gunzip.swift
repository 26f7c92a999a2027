import CompressNIO
import HTTPTypes
import NIOCore

extension ByteBuffer {
    /// The body of a `Content-Encoding: gzip` request, inflated up to `limit` bytes.
    ///
    /// The limit is checked on the inflated size, and inflating stops there: a small "gzip bomb"
    /// gets 413 without the server ever holding more than `limit` bytes of it.
    func gunzipped(limit: Int) throws(APIError) -> ByteBuffer {
        // compress-nio sizes its output from the input: it would not terminate on an empty input.
        guard readableBytes > 0 else { return self }
        var input = self
        do {
            return try input.decompress(with: .gzip(), maxSize: limit)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw APIError(
                status: .contentTooLarge, code: "body_too_large",
                message: "the decompressed request body is larger than \(limit) bytes")
        } catch {
            throw APIError(
                status: .badRequest, code: "malformed_body", message: "the body is not valid gzip (\(error))")
        }
    }
}
