import BatonCore
import Hummingbird

extension ReportPeriod {
    /// The period named by a request's `from` and `to` query parameters (defaults as in
    /// ``ReportPeriod/resolve(from:to:now:)``); 400 naming the parameter when one is not a date.
    static func resolve(_ request: Request) throws(APIError) -> (Timestamp, Timestamp) {
        let query = request.uri.queryParameters
        do throws(InvalidPeriod) {
            return try resolve(from: query["from"].map(String.init), to: query["to"].map(String.init))
        } catch {
            throw APIError(status: .badRequest, code: "invalid_parameter", message: error.description)
        }
    }
}
