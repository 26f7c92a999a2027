/// The one range rule for the money amounts a user gives (token prices, licences, the hourly
/// rate): a finite number from 0 to a whole maximum that `Docs/openapi.yaml` states, compared
/// before any rounding, so every route, flag and scenario file accepts what the document says and
/// nothing past it (a value just above the maximum must not round onto it).
package enum AmountRange {
    /// Per million input or output tokens.
    package static let price = 999_999_999.0
    /// An analyst hour.
    package static let hourlyRate = 999_999_999.0
    /// An assistant's licence per month.
    package static let monthlyCost = 999_999_999_999.0

    package static func contains(_ value: Double, maximum: Double) -> Bool {
        value.isFinite && value >= 0 && value <= maximum
    }

    /// The rule in words, for error messages.
    package static func requirement(maximum: Double) -> String { "a number from 0 to \(Int64(maximum))" }
}
