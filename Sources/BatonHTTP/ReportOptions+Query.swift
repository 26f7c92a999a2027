import BatonCore
import Hummingbird

extension ReportOptions {
    /// The report settings a request may choose: `baseline` (the estimator; aliases accepted),
    /// `min_sample` (at least ``ReportOptions/minimumSampleFloor``) and `class_by` (`tool` or
    /// `assistant`, value-model §8); 400 naming the parameter when
    /// one is not acceptable (an empty one included, as for `from` and `to`).
    static func from(_ request: Request) throws(APIError) -> ReportOptions {
        let query = request.uri.queryParameters
        var options = ReportOptions()
        if let baseline = query["baseline"] {
            guard let value = Baseline(name: String(baseline)) else {
                throw APIError(
                    status: .badRequest, code: "invalid_parameter",
                    message: "'baseline' must be one of \(Baseline.accepted)")
            }
            options.baseline = value
        }
        if let text = query["min_sample"] {
            guard let value = Int(String(text)), value >= minimumSampleFloor, value <= 1_000_000 else {
                throw APIError(
                    status: .badRequest, code: "invalid_parameter",
                    message: "'min_sample' must be a whole number from \(minimumSampleFloor) to 1000000")
            }
            options.minimumSample = value
        }
        if let text = query["trends"] {
            guard text == "weekly" || text == "none" else {
                throw APIError(
                    status: .badRequest, code: "invalid_parameter", message: "'trends' must be one of weekly, none")
            }
            options.weeklyTrends = text == "weekly"
        }
        if let text = query["class_by"] {
            guard let value = HandoffClassing(rawValue: String(text)) else {
                throw APIError(
                    status: .badRequest, code: "invalid_parameter",
                    message: "'class_by' must be one of \(HandoffClassing.allowedValues)")
            }
            options.classBy = value
        }
        return options
    }
}
