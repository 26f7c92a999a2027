import BatonCore
import Hummingbird

extension ReportOptions {
    /// The report settings a request may choose: `baseline` (the estimator; aliases accepted) and
    /// `min_sample` (at least ``ReportOptions/minimumSampleFloor``); 400 naming the parameter when
    /// one is not acceptable. An empty value means the default.
    static func from(_ request: Request) throws(APIError) -> ReportOptions {
        let query = request.uri.queryParameters
        var options = ReportOptions()
        if let baseline = query["baseline"], !baseline.isEmpty {
            guard let value = Baseline(name: String(baseline)) else {
                throw APIError(
                    status: .badRequest, code: "invalid_parameter",
                    message: "'baseline' must be one of \(Baseline.accepted)")
            }
            options.baseline = value
        }
        if let text = query["min_sample"], !text.isEmpty {
            guard let value = Int(String(text)), value >= minimumSampleFloor, value <= 1_000_000 else {
                throw APIError(
                    status: .badRequest, code: "invalid_parameter",
                    message: "'min_sample' must be a whole number from \(minimumSampleFloor) to 1000000")
            }
            options.minimumSample = value
        }
        return options
    }
}
