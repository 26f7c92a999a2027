import Hummingbird

extension Request {
    /// The body length the client declared with `Content-Length`, at most `limit` (a longer body
    /// is refused with 413 while it is read); 0 when it declared none, as a chunked body does.
    func declaredLength(upTo limit: Int) -> Int {
        guard let text = headers[.contentLength], let value = Int(text), value >= 0 else { return 0 }
        return min(value, limit)
    }
}
