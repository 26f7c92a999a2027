import Hummingbird

extension Request {
    /// Whether the report should be compared with the previous period (`compare=previous`) or
    /// not (`compare=none`); `standard` when the query does not say. The API answers without by
    /// default (a second report doubles the time of an uncached one); the web report page with.
    func comparesPrevious(standard: Bool) throws(APIError) -> Bool {
        guard let value = uri.queryParameters["compare"] else { return standard }
        switch value {
        case "previous": return true
        case "none": return false
        default:
            throw APIError(
                status: .badRequest, code: "invalid_parameter", message: "'compare' must be one of previous, none")
        }
    }
}
