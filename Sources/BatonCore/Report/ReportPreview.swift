/// What the overview shows of a period while its value report is still being built (issue 23's
/// first render): the figures that are sums over the daily rollups, read in a fraction of a second
/// where the report reads every task and case for seconds. There is a preview only when the
/// period is whole UTC days and its rollups are fresh in the snapshot the preview reads, so each
/// figure equals the report's own (``ValueReport/Friction/topClasses``,
/// ``ValueReport/coordination``); no other figure is estimated ahead of the report.
public struct ReportPreview: Sendable, Hashable {
    /// Waiting by handoff class, largest first, as the report's friction gives it.
    public var topClasses: [ValueReport.ClassFriction]
    /// Handoffs between assistants and people, as the report gives them.
    public var coordination: CoordinationMatrix

    public init(topClasses: [ValueReport.ClassFriction], coordination: CoordinationMatrix) {
        self.topClasses = topClasses
        self.coordination = coordination
    }
}
