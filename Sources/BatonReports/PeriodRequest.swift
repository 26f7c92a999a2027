package import BatonCore

/// A report period as a caller asked for it: `from` and `to` as given (RFC 3339 or a date), and
/// what a missing end means.
package struct PeriodRequest: Sendable, Hashable {
    /// What the end of the period is when `to` is not given.
    package enum DefaultEnd: Sendable, Hashable {
        /// Now (the API's rule: `GET /v1/report`, `GET /v1/export/survey.csv`).
        case now
        /// Midnight UTC after the tenant's latest case opened, or now when it has none: a person
        /// at the web pages or the command line reads data from the past without picking dates.
        case latestData
    }

    package var from: String?
    package var to: String?
    package var defaultEnd: DefaultEnd

    package init(from: String? = nil, to: String? = nil, defaultEnd: DefaultEnd) {
        self.from = from
        self.to = to
        self.defaultEnd = defaultEnd
    }

    /// An explicit period.
    package init(from: Timestamp, to: Timestamp) {
        self.init(from: from.rfc3339, to: to.rfc3339, defaultEnd: .now)
    }
}
