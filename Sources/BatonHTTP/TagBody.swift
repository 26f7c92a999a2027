/// The body of `POST /v1/handoffs/{id}/tags`.
struct TagBody: Decodable {
    var reason: String?
    var note: String?
}
