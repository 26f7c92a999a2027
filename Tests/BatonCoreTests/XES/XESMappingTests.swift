import Foundation
import Testing

@testable import BatonCore

@Suite("XESMapping")
struct XESMappingTests {
    static func event(_ time: String, _ attributes: [String: String]) -> [String: String] {
        attributes.merging(["time:timestamp": time]) { a, _ in a }
    }

    static let bpi = XESMapping(
        mode: .status, statusKeys: ["concept:name", "lifecycle:transition"], work: ["Accepted/In Progress"],
        closing: ["Completed/Resolved", "Completed/Closed"],
        severity: .init(attribute: "impact", values: ["Medium": .medium]), category: "product")

    static func status(_ name: String, _ transition: String, team: String, person: String) -> [String: String] {
        ["concept:name": name, "lifecycle:transition": transition, "org:group": team, "org:resource": person]
    }

    @Test(
        "status log: work statuses become tasks (consecutive ones of one person merged), the trailing closing run closes the case"
    )
    func statusLog() throws {
        // 10:00 queued, 10:30–11:00 and 11:00–11:30 Ann in V1 (one task), 11:30 waiting,
        // 12:00–13:00 Bo in V2, resolved at 13:00, closed at 15:00: closed_at is 13:00.
        let trace = XESTrace(
            attributes: ["concept:name": "INC-9"],
            events: [
                Self.event(
                    "2010-01-01T10:00:00Z", Self.status("Queued", "Awaiting Assignment", team: "V1", person: "-")),
                Self.event(
                    "2010-01-01T10:30:00Z",
                    Self.status("Accepted", "In Progress", team: "V1", person: "Ann").merging([
                        "impact": "Medium", "product": "PROD1",
                    ]) { a, _ in a }),
                Self.event("2010-01-01T11:00:00Z", Self.status("Accepted", "In Progress", team: "V1", person: "Ann")),
                Self.event("2010-01-01T11:30:00Z", Self.status("Accepted", "Wait - User", team: "V1", person: "Ann")),
                Self.event("2010-01-01T12:00:00Z", Self.status("Accepted", "In Progress", team: "V2", person: "Bo")),
                Self.event("2010-01-01T13:00:00Z", Self.status("Completed", "Resolved", team: "V2", person: "Bo")),
                Self.event("2010-01-01T15:00:00Z", Self.status("Completed", "Closed", team: "V2", person: "Bo")),
            ])
        let records = try Self.bpi.records(for: trace)
        guard case .workflow(let w) = records.first else {
            Issue.record("no workflow record first")
            return
        }
        #expect(w.workflowID == "INC-9")
        #expect(w.openedAt == Timestamp(rfc3339: "2010-01-01T10:00:00Z"))
        #expect(w.closedAt == Timestamp(rfc3339: "2010-01-01T13:00:00Z"))
        #expect(w.severity == .medium)
        #expect(w.category == "PROD1")
        let tasks = records.dropFirst().compactMap { r -> TaskRecord? in
            if case .task(let t) = r { return t }
            return nil
        }
        #expect(tasks.map(\.id) == ["INC-9/2", "INC-9/5"])
        #expect(tasks.map(\.tool) == ["V1", "V2"])
        #expect(tasks.map(\.actor) == ["Ann", "Bo"])
        #expect(tasks[0].startedAt == Timestamp(rfc3339: "2010-01-01T10:30:00Z"))
        #expect(tasks[0].endedAt == Timestamp(rfc3339: "2010-01-01T11:30:00Z"))
        #expect(tasks[1].endedAt == Timestamp(rfc3339: "2010-01-01T13:00:00Z"))
        #expect(tasks.allSatisfy { $0.taskType == "Accepted/In Progress" && $0.aiMode == .none })

        // Reopened: a closing status followed by work does not close the case.
        var reopened = trace
        reopened.events.removeLast()
        reopened.events.append(
            Self.event("2010-01-02T09:00:00Z", Self.status("Accepted", "In Progress", team: "V1", person: "Ann")))
        guard case .workflow(let open) = try Self.bpi.records(for: reopened).first else { return }
        #expect(open.closedAt == nil)
    }

    @Test("lifecycle log: start and complete paired by instance, else by activity; an unmatched start is still running")
    func lifecycleLog() throws {
        let trace = XESTrace(
            attributes: [
                "concept:name": "C1", "opened_at": "2026-03-02T10:00:00Z", "closed_at": "2026-03-02T12:00:00Z",
                "severity": "high",
            ],
            events: [
                Self.event(
                    "2026-03-02T10:05:00Z",
                    [
                        "concept:name": "triage", "lifecycle:transition": "start", "concept:instance": "t1",
                        "tool": "siem", "assistant": "bot", "ai_mode": "assisted", "org:resource": "ana",
                    ]),
                Self.event("2026-03-02T10:06:00Z", ["concept:name": "enrich", "lifecycle:transition": "start"]),
                Self.event(
                    "2026-03-02T10:10:00Z",
                    ["concept:name": "triage", "lifecycle:transition": "complete", "concept:instance": "t1"]),
                Self.event("2026-03-02T10:20:00Z", ["concept:name": "enrich", "lifecycle:transition": "complete"]),
                Self.event("2026-03-02T11:00:00Z", ["concept:name": "contain", "lifecycle:transition": "start"]),
            ])
        let records = try XESMapping.lifecycle.records(for: trace)
        guard case .workflow(let w) = records.first else { return }
        #expect(w.closedAt == Timestamp(rfc3339: "2026-03-02T12:00:00Z"))
        #expect(w.severity == .high)
        let tasks = records.dropFirst().compactMap { r -> TaskRecord? in
            if case .task(let t) = r { return t }
            return nil
        }
        #expect(tasks.map(\.id) == ["t1", "C1/2", "C1/5"])
        #expect(tasks[0].endedAt == Timestamp(rfc3339: "2026-03-02T10:10:00Z"))
        #expect(tasks[0].aiMode == .assisted && tasks[0].assistant == "bot" && tasks[0].actor == "ana")
        #expect(tasks[1].endedAt == Timestamp(rfc3339: "2026-03-02T10:20:00Z"))
        #expect(tasks[2].endedAt == nil)
        #expect(throws: XESMapping.Rejection.self) {
            try XESMapping.lifecycle.records(for: XESTrace(attributes: [:], events: []))
        }
        #expect(throws: XESMapping.Rejection.self) {
            try XESMapping.lifecycle.records(
                for: XESTrace(attributes: ["concept:name": "x"], events: [["concept:name": "a"]]))
        }
    }
}
