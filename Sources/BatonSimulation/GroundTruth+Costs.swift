public import BatonCore
import Foundation

extension GroundTruth {
    /// What an assistant (or the whole estate) truly cost over a period (issue 22), computed from
    /// the scenario's declarations and the generated tasks, as `Docs/metrics.md` Costs defines it:
    /// the licence pro-rated by calendar month (UTC) from its first paid day, and each AI task's
    /// tokens at the scenario's price in force on the task's day (UTC).
    public struct CostTruth: Codable, Sendable {
        public var currency: String?
        /// The period, [from, to): the report input's (``SOCSimulator/reportPeriod``).
        public var from: String
        public var to: String
        /// The licence over the period; `nil` without one.
        public var licence: Double?
        /// Σ over the AI tasks with counts of (input × in-price + output × out-price) / 10⁶; `nil`
        /// when no AI task reported tokens, or when some had no price in force on their day.
        public var tokenSpend: Double?
        public var aiTasks: Int
        public var aiTasksWithTokens: Int
        public var inputTokens: Int64
        public var outputTokens: Int64
        /// Licence + token spend (either alone); `nil` when neither, or when tokens had no price.
        public var total: Double?
    }
}

extension SOCSimulator {
    /// The true cost of assistant `name` (every assistant when `nil`) over ``reportPeriod``, from the
    /// AI tasks of the workflows opened in it.
    func costTruth(of name: String?, _ actual: [SimulatedWorkflow]) -> GroundTruth.CostTruth {
        let (from, to) = reportPeriod
        let licences = scenario.assistants.filter { name == nil || $0.name == name }.compactMap(\.licence)
        var truth = GroundTruth.CostTruth(
            currency: licences.first?.currency ?? scenario.priceCurrency, from: from.rfc3339, to: to.rfc3339,
            licence: licences.isEmpty ? nil : licences.reduce(0) { $0 + Self.licenceCost($1, from: from, to: to) },
            tokenSpend: nil, aiTasks: 0, aiTasksWithTokens: 0, inputTokens: 0, outputTokens: 0, total: nil)
        var spend = 0.0
        var unpriced = false
        for workflow in actual where workflow.workflow.openedAt >= from && workflow.workflow.openedAt < to {
            for task in workflow.tasks where task.aiMode != .none && task.assistant != nil {
                guard name == nil || task.assistant == name else { continue }
                truth.aiTasks += 1
                // The counts the generator wrote into the task (``tokenAttributes(of:draws:step:parallel:)``).
                guard let a = task.attributes, case .number(let input) = a["gen_ai.usage.input_tokens"],
                    case .number(let output) = a["gen_ai.usage.output_tokens"],
                    case .string(let provider) = a["gen_ai.provider.name"],
                    case .string(let model) = a["gen_ai.response.model"]
                else { continue }
                truth.aiTasksWithTokens += 1
                truth.inputTokens += Int64(input)
                truth.outputTokens += Int64(output)
                // The price in force on the task's day: the latest `effective_from` on or before it
                // ("YYYY-MM-DD" texts order as the days do).
                let day = task.startedAt.utcDateText
                guard
                    let price = (scenario.prices ?? [])
                        .filter({ $0.provider == provider && $0.model == model && $0.effectiveFrom <= day })
                        .max(by: { $0.effectiveFrom < $1.effectiveFrom })
                else {
                    unpriced = true
                    continue
                }
                spend += (input * price.inputPerMillion + output * price.outputPerMillion) / 1_000_000
            }
        }
        if truth.aiTasksWithTokens > 0, !unpriced { truth.tokenSpend = spend }
        if !unpriced, truth.licence != nil || truth.tokenSpend != nil {
            truth.total = (truth.licence ?? 0) + (truth.tokenSpend ?? 0)
        }
        return truth
    }

    /// A licence over [from, to): each calendar month (UTC) the period covers from the first paid
    /// day costs the monthly amount times the share of the month covered, whatever its length.
    static func licenceCost(_ licence: Scenario.Licence, from: Timestamp, to: Timestamp) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func date(_ t: Timestamp) -> Date { Date(timeIntervalSince1970: Double(t.microseconds) / 1_000_000) }
        var start = date(from)
        let end = date(to)
        if let text = licence.costFrom {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            if parts.count == 3,
                let paid = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
            {
                start = max(start, paid)
            }
        }
        guard start < end, var month = calendar.date(from: calendar.dateComponents([.year, .month], from: start))
        else { return 0 }
        var amount = 0.0
        while month < end {
            guard let next = calendar.date(byAdding: .month, value: 1, to: month) else { break }
            let covered = min(next, end).timeIntervalSince(max(month, start))
            amount += licence.monthlyCost * covered / next.timeIntervalSince(month)
            month = next
        }
        return amount
    }
}
