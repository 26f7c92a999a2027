/// Value-model §4.6, the Amdahl ceiling: if a share `p` of the eligible cases' lead time is
/// spent in the task types the assistant serves, and those become `s` times faster, the lead
/// time can shrink at most by 1 − ((1 − p) + p / s). Measured over the eligible cases the
/// assistant did not touch (their task time is not yet sped up), with `p` at most 1: parallel
/// work can make task time exceed lead time.
enum AmdahlCeiling {
    static func compute(_ plan: AssistantPlan, speedups: [ValueReport.TaskSpeedup], _ input: ReportInput)
        -> ValueReport.Amdahl?
    {
        let workflows = input.workflowColumns
        let control = (0..<workflows.count).filter { plan.eligible[$0] && !plan.touched[$0] }
        let totalLead = Double(control.reduce(Int64(0)) { $0 + workflows.lead[$1] })
        guard totalLead > 0 else { return nil }
        var parts: [(share: Double, speedup: Double)] = []
        for s in speedups {
            guard let factor = s.speedup.value, factor > 0, let code = input.names.existingCode(s.taskType) else {
                continue
            }
            var typeTime: Int64 = 0
            for w in control {
                for e in workflows.types(w) where workflows.typeCode[e] == code { typeTime += workflows.typeTime[e] }
            }
            parts.append((Double(typeTime) / totalLead, factor))
        }
        let raw = parts.reduce(0) { $0 + $1.share }
        guard raw > 0 else { return nil }
        // Shares scaled down together when they exceed 1, so each keeps its weight.
        let scale = raw > 1 ? 1 / raw : 1
        let share = raw * scale
        let scaled = parts.reduce(0) { $0 + $1.share * scale / $1.speedup }
        return ValueReport.Amdahl(
            share: share, speedup: scaled > 0 ? share / scaled : 1, maximumLeadReduction: 1 - ((1 - share) + scaled))
    }
}
