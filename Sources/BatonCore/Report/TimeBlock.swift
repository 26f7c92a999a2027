/// The time part of a workflow-effect stratum (value-model §4.2): cases are compared with cases
/// that opened in the same week (Monday, UTC), widened to the month and then the quarter when a
/// small SOC's weeks leave treated cases without a control. The last step, for cases a quarter
/// still leaves unmatched, compares them across categories within severity and rollout epoch
/// over the whole period: a case with a control of another category is a better comparison than
/// none, and leaving it out would estimate the effect on the other cases only.
enum TimeBlock: String, Sendable, CaseIterable {
    case week
    case month
    case quarter
    case anyCategory = "any category"

    /// A number shared by exactly the instants of one block.
    func key(_ microseconds: Int64) -> Int64 {
        let perDay: Int64 = 86_400_000_000
        let days = microseconds >= 0 ? microseconds / perDay : (microseconds - perDay + 1) / perDay
        switch self {
        case .anyCategory: return 0
        case .week:
            // 1970-01-01 was a Thursday: day + 3 is a multiple of 7 on Mondays.
            let shifted = days + 3
            return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
        case .month, .quarter:
            let civil = Timestamp.civilFromDays(Int(days))
            let month = Int64(civil.year) * 12 + Int64(civil.month - 1)
            return self == .month ? month : (month >= 0 ? month / 3 : (month - 2) / 3)
        }
    }

    /// The Monday (00:00 UTC) that starts the week whose ``key(_:)`` is `week`.
    static func monday(ofWeek week: Int64) -> Timestamp {
        Timestamp(microseconds: (week * 7 - 3) * 86_400_000_000)
    }
}
