public import BatonCore

extension SOCSimulator {
    /// One case an assistant touched, as it happened and replayed with the assistant off: what
    /// the truth of any subset of cases (a week, half a period) is computed from.
    public struct CaseTwin: Sendable, Hashable {
        public var openedAt: Timestamp
        /// Lead and touch time as simulated, microseconds.
        public var lead: Int64
        public var touch: Int64
        /// The same case's lead and touch time with the assistant switched off.
        public var replayLead: Int64
        public var replayTouch: Int64
        /// The assistant's own tasks' durations in the case and in the replay
        /// (``SimulatedWorkflow/effort(of:replay:)``), microseconds.
        public var effort: Int64
        public var replayEffort: Int64
    }

    /// Every closed case of tenant `tenantIndex` that `assistant` touched, with its twin; with
    /// `includeOpen`, the cases still open too (effort saved counts their tasks, as the ground
    /// truth does; lead times need closed cases).
    public func caseTwins(tenantIndex: Int = 0, assistant: String, includeOpen: Bool = false) -> [CaseTwin] {
        let tenant = scenario.tenants[tenantIndex].id
        let draws = sortedDraws(tenantIndex: tenantIndex)
        return draws.enumerated().compactMap { index, draw in
            let actual = realize(draw, tenant: tenant, number: index, disabled: nil)
            guard actual.assistants.contains(assistant), includeOpen || actual.workflow.closedAt != nil else {
                return nil
            }
            let replay = realize(draw, tenant: tenant, number: index, disabled: assistant)
            let effort = actual.effort(of: assistant, replay: replay)
            return CaseTwin(
                openedAt: actual.workflow.openedAt, lead: actual.lead, touch: actual.touch, replayLead: replay.lead,
                replayTouch: replay.touch, effort: effort.actual, replayEffort: effort.replay)
        }
    }
}

extension Array where Element == SOCSimulator.CaseTwin {
    /// ΔL, hours per case (negative: the assistant made the cases shorter).
    public var deltaLeadHours: Double? {
        isEmpty ? nil : Double(reduce(Int64(0)) { $0 + $1.lead - $1.replayLead }) / Double(count) / 3_600_000_000
    }

    /// The realized lead reduction: −ΔL ÷ the cases' mean lead time without the assistant.
    public var realizedLeadReduction: Double? {
        guard !isEmpty else { return nil }
        let replay = Double(reduce(Int64(0)) { $0 + $1.replayLead })
        return replay > 0 ? Double(reduce(Int64(0)) { $0 + $1.replayLead - $1.lead }) / replay : nil
    }

    /// The analyst time the assistant's own tasks saved in these cases, hours in all (the report's
    /// effort saved over a period).
    public var effortSavedHours: Double? {
        isEmpty ? nil : Double(reduce(Int64(0)) { $0 + $1.replayEffort - $1.effort }) / 3_600_000_000
    }

    /// The value capture ratio: realized saving (−ΔL) ÷ predicted saving (−ΔA), the ratio of the
    /// mean differences, so of their sums; `nil` when the cases' touch time did not change.
    public var valueCaptureRatio: Double? {
        let predicted = reduce(Int64(0)) { $0 + $1.replayTouch - $1.touch }
        guard !isEmpty, predicted != 0 else { return nil }
        return Double(reduce(Int64(0)) { $0 + $1.replayLead - $1.lead }) / Double(predicted)
    }
}
