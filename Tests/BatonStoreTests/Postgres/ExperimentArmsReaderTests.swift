import BatonCore
import BatonStore
import BatonTestSupport
import Testing

/// The report's input carries the experiments of its period and each workflow's recorded arm
/// (value-model §7), read in the report's snapshot.
@Suite("Experiment arms in the report input")
struct ExperimentArmsReaderTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// Five closed cases and one open one, some asked about, one never.
    static let records: [Record] =
        (1...5).flatMap { k -> [Record] in
            [
                F.workflow("W\(k)", opened: Double(k), closed: Double(k) + 100),
                F.task("t\(k)", workflow: "W\(k)", start: Double(k) + 1, end: Double(k) + 20, aiMode: .assisted),
            ]
        } + [F.workflow("W6", opened: 6), F.task("t6", workflow: "W6", start: 7, end: nil)]

    @Test(
        "closed and open workflows carry the arm the service recorded; unasked ones none; other periods' experiments absent"
    )
    func armsInInput() async throws {
        try await withFreshStorage { storage in
            try await storage.tenants.ensureTenant("soc-a", deliveryModel: nil, logger: logger)
            try await storage.ingest.ingest(Self.records, tenant: "soc-a", logger: logger)
            let settings = ExperimentSettings(
                assistant: "siem-copilot", holdoutShare: 0.5, startsAt: F.at(-60 * 24), plannedSample: 10)
            _ = try await storage.experiments.putExperiment(
                name: "trial-1", settings: settings, tenant: "soc-a", logger: logger)
            let asked = ["W1", "W2", "W3", "W5", "W6"]
            let answers = try await storage.experiments.assign(
                asked.map { AssignmentRequest(workflowID: $0, assistant: "siem-copilot") }, tenant: "soc-a",
                logger: logger)
            let recorded = Dictionary(uniqueKeysWithValues: zip(asked, answers.map(\.arm)))
            let input = try await storage.reports.reportInput(
                tenant: "soc-a", from: F.at(-60), to: F.at(600), classBy: .tool, logger: logger)
            #expect(input.experiments.map(\.name) == ["trial-1"])
            #expect(input.experiments.first?.holdoutShare == 0.5)
            #expect(input.experiments.first?.plannedSample == 10)
            // Closed workflows in id order W1…W5.
            let arms = input.workflows.map { $0.arms["trial-1"] }
            #expect(arms == ["W1", "W2", "W3", "W4", "W5"].map { recorded[$0] })
            #expect(input.workflowColumns.armStart.count == 6)
            // Each closed workflow's key is the one its tasks carry.
            let keyOfTask = Dictionary(
                input.tasks.compactMap { t in t.workflow.map { ($0, t.startedAt) } }, uniquingKeysWith: { a, _ in a })
            #expect(input.workflows.map { $0.key.flatMap { keyOfTask[$0] } } == (1...5).map { F.at(Double($0) + 1) })
            // The open one keeps its arm too (for censoring by arm).
            #expect(input.openWorkflowColumns.armStart.count == 2)
            let open = input.openWorkflowColumns
            let code = try #require(input.names.existingCode("trial-1"))
            #expect(open.arm(0, experiment: code) == recorded["W6"])
            // A period before the experiment began sees neither it nor arms.
            let before = try await storage.reports.reportInput(
                tenant: "soc-a", from: F.at(-60 * 24 * 10), to: F.at(-60 * 24 * 2), classBy: .tool, logger: logger)
            #expect(before.experiments.isEmpty)
            #expect(before.workflowColumns.armStart == [0])
        }
    }

    @Test("another tenant's experiment and arms never reach a report")
    func isolation() async throws {
        try await withFreshStorage { storage in
            for tenant in ["soc-a", "soc-b"] {
                try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: logger)
                try await storage.ingest.ingest(Self.records, tenant: tenant, logger: logger)
            }
            _ = try await storage.experiments.putExperiment(
                name: "trial-b",
                settings: ExperimentSettings(assistant: "siem-copilot", holdoutShare: 0.3, startsAt: F.at(-60)),
                tenant: "soc-b", logger: logger)
            _ = try await storage.experiments.assign(
                [AssignmentRequest(workflowID: "W1", assistant: "siem-copilot")], tenant: "soc-b", logger: logger)
            let input = try await storage.reports.reportInput(
                tenant: "soc-a", from: F.at(-60), to: F.at(600), classBy: .tool, logger: logger)
            #expect(input.experiments.isEmpty)
            #expect(input.workflows.allSatisfy { $0.arms.isEmpty })
        }
    }
}
