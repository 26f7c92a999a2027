/// The cost figures of issue 22 (`Docs/metrics.md`, Costs): each assistant's licence pro-rated
/// over the period, its token spend at the price in force on each task's day, and what that cost
/// buys: cost per touched case, per analyst hour saved, per lead-time hour saved, and the net value
/// of the effort saved. Absent from a report whose tenant recorded no licence, no price and no
/// token count, so reports of tenants who never speak of cost read as before.
struct CostEstimator: Sendable {
    var options: ReportOptions

    /// Whether anything about costs is recorded in the input.
    static func applies(_ input: ReportInput) -> Bool {
        !input.prices.isEmpty || input.assistants.contains { $0.licence != nil }
            || input.tokenUsage.contains { $0.tasksWithTokens > 0 }
    }

    /// What was spent, by one assistant (`name`) or by all (`nil`).
    struct Spend {
        var currency: String?
        var licence: Double?
        var licenceDays: Double?
        var tokenSpend: Double?
        var aiTasks = 0
        var aiTasksWithTokens = 0
        var inputTokens: Int64 = 0
        var outputTokens: Int64 = 0
        var unpricedModels: [String] = []
        var total: Double?
        var note: String?
    }

    func spend(of name: String?, _ input: ReportInput) -> Spend {
        var spend = Spend()
        let licences = input.assistants.filter { name == nil || $0.name == name }.compactMap(\.licence)
        if !licences.isEmpty {
            let prorated = licences.map { LicenceProration.cost(of: $0, from: input.from, to: input.to) }
            spend.licence = prorated.reduce(0) { $0 + $1.amount }
            spend.licenceDays = name == nil ? nil : prorated.first?.days
        }
        var tokens = 0.0
        var unpriced = Set<String>()
        for u in input.tokenUsage where name == nil || u.assistant == name {
            spend.aiTasks += u.aiTasks
            spend.aiTasksWithTokens += u.tasksWithTokens
            spend.inputTokens += u.inputTokens
            spend.outputTokens += u.outputTokens
            guard u.tasksWithTokens > 0 else { continue }
            guard let provider = u.provider, let model = u.model,
                let price = input.prices.price(provider: provider, model: model, day: u.day)
            else {
                unpriced.insert("\(u.provider ?? "unknown provider")/\(u.model ?? "unknown model")")
                continue
            }
            tokens += price.cost(input: u.inputTokens, output: u.outputTokens)
        }
        spend.unpricedModels = unpriced.sorted()
        spend.currency = licences.first?.currency ?? input.prices.prices.first?.currency
        if spend.aiTasksWithTokens > 0, unpriced.isEmpty { spend.tokenSpend = tokens }
        if !unpriced.isEmpty {
            spend.note =
                "no token prices for model \(spend.unpricedModels.joined(separator: ", ")) on some days: total unknown"
        } else if spend.licence == nil, spend.tokenSpend == nil {
            spend.note = CostFigure.noCost
        } else {
            spend.total = (spend.licence ?? 0) + (spend.tokenSpend ?? 0)
            if spend.licence == nil {
                spend.note = "tokens only: no licence recorded"
            } else if spend.tokenSpend == nil, spend.aiTasks > 0 {
                spend.note =
                    "licence only: none of its \(HumanFormat.count(spend.aiTasks)) AI tasks reported token counts"
            }
        }
        return spend
    }

    /// One assistant's cost figures. `touchedCases` counts open and closed cases it touched;
    /// `treatedCases` the cases its ΔL is the mean over.
    func assistantCost(
        _ name: String, _ input: ReportInput, touchedCases: Int, effortSaved: ValueReport.Estimate,
        realizedSaving: ValueReport.Estimate, treatedCases: Int
    ) -> AssistantCost {
        let s = spend(of: name, input)
        return AssistantCost(
            currency: s.currency, licence: s.licence, licenceDays: s.licenceDays, tokenSpend: s.tokenSpend,
            aiTasks: s.aiTasks, aiTasksWithTokens: s.aiTasksWithTokens, inputTokens: s.inputTokens,
            outputTokens: s.outputTokens, unpricedModels: s.unpricedModels, total: s.total,
            touchedCases: touchedCases, perTouchedCase: perCase(s.total, touchedCases),
            perEffortHourSaved: .perHour(cost: s.total, costNote: s.note, saving: effortSaved),
            perLeadHourSaved: .perHour(
                cost: s.total, costNote: s.note, saving: realizedSaving, scale: Double(treatedCases)),
            netValue: .netValue(cost: s.total, costNote: s.note, hoursSaved: effortSaved, rate: options.hourlyRate),
            note: s.note)
    }

    /// The estate's cost: every assistant's spend, and the derived figures from the portfolio row.
    func portfolioCost(_ portfolio: ValueReport.AssistantValue?, _ input: ReportInput, touchedCases: Int)
        -> PortfolioCost
    {
        let s = spend(of: nil, input)
        var used = Set<String>()
        var counted = Set<String>()
        for u in input.tokenUsage where u.aiTasks > 0 {
            used.insert(u.assistant)
            if u.tasksWithTokens > 0 { counted.insert(u.assistant) }
        }
        let licensed = Set(input.assistants.filter { $0.licence != nil }.map(\.name))
        let withoutCost = used.subtracting(licensed).subtracting(counted).sorted()
        var note = s.note
        if s.total != nil, !withoutCost.isEmpty {
            note = "excludes \(withoutCost.joined(separator: ", ")): no cost recorded"
        }
        let effort = portfolio?.effortSavedHours ?? .insufficient("no AI tasks")
        let realized = portfolio?.realizedSavingHours ?? .insufficient("no AI tasks")
        let treated = portfolio?.workflowEffect?.treatedWorkflows ?? 0
        return PortfolioCost(
            currency: s.currency, licence: s.licence, tokenSpend: s.tokenSpend, aiTasks: s.aiTasks,
            aiTasksWithTokens: s.aiTasksWithTokens, unpricedModels: s.unpricedModels, total: s.total,
            touchedCases: touchedCases, perTouchedCase: perCase(s.total, touchedCases),
            perEffortHourSaved: .perHour(cost: s.total, costNote: note, saving: effort),
            perLeadHourSaved: .perHour(cost: s.total, costNote: note, saving: realized, scale: Double(treated)),
            netValue: .netValue(cost: s.total, costNote: note, hoursSaved: effort, rate: options.hourlyRate),
            unusedLicences: licensed.subtracting(used).sorted(), withoutCost: withoutCost, note: note,
            tokensPath: input.tokenUsagePath)
    }

    private func perCase(_ total: Double?, _ cases: Int) -> Double? {
        guard let total, cases > 0 else { return nil }
        return total / Double(cases)
    }
}
