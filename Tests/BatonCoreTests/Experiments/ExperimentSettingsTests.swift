import BatonCore
import Testing

@Suite("Experiment settings: validation names the field")
struct ExperimentSettingsTests {
    static func validate(_ fields: [String: JSONValue]) -> Result<ExperimentSettings, RecordRejection> {
        ExperimentSettings.validated(name: "e1", fields: fields)
    }

    @Test("a full body is read; absent optional fields stay nil")
    func reads() throws {
        let settings = try Self.validate([
            "assistant": "siem-copilot", "holdout_share": .number(0.2), "task_types": .array(["alert-triage"]),
            "starts_at": "2026-03-01T00:00:00Z", "ends_at": "2026-06-01T00:00:00Z", "planned_sample": .number(2000),
        ]).get()
        #expect(settings.assistant == "siem-copilot")
        #expect(settings.holdoutShare == 0.2)
        #expect(settings.taskTypes == ["alert-triage"])
        #expect(settings.startsAt == Timestamp(rfc3339: "2026-03-01T00:00:00Z"))
        #expect(settings.plannedSample == 2000)
        let minimal = try Self.validate(["assistant": "x", "holdout_share": .number(0.05)]).get()
        #expect(minimal.taskTypes == nil && minimal.startsAt == nil && minimal.endsAt == nil)
        #expect(try Self.validate(["assistant": "x", "holdout_share": .number(0.5)]).get().holdoutShare == 0.5)
    }

    @Test(
        "refusals name the field",
        arguments: [
            (["assistant": "x", "holdout_share": .number(0.6)] as [String: JSONValue], "holdout_share"),
            (["assistant": "x", "holdout_share": .number(0.01)], "holdout_share"),
            (["assistant": "x"], "holdout_share"),
            (["assistant": "x", "holdout_share": "0.2"], "holdout_share"),
            (["holdout_share": .number(0.2)], "assistant"),
            (["assistant": "x", "holdout_share": .number(0.2), "task_types": .array([])], "task_types"),
            (["assistant": "x", "holdout_share": .number(0.2), "task_types": .array([.number(1)])], "task_types"),
            (["assistant": "x", "holdout_share": .number(0.2), "planned_sample": .number(0)], "planned_sample"),
            (["assistant": "x", "holdout_share": .number(0.2), "planned_sample": .number(1.5)], "planned_sample"),
            (["assistant": "x", "holdout_share": .number(0.2), "starts_at": "soon"], "starts_at"),
            (
                [
                    "assistant": "x", "holdout_share": .number(0.2), "starts_at": "2026-03-01T00:00:00Z",
                    "ends_at": "2026-02-01T00:00:00Z",
                ], "ends_at"
            ),
        ])
    func refusals(fields: [String: JSONValue], field: String) {
        guard case .failure(let rejection) = Self.validate(fields) else {
            Issue.record("accepted \(fields)")
            return
        }
        #expect(rejection.error.contains("'\(field)'"), "\(rejection.error)")
    }
}
