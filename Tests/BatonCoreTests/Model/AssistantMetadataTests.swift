import BatonCore
import Foundation
import Testing

private let now = Timestamp(microseconds: 1_772_445_600_000_000)  // 2026-03-02T10:00:00Z

private func validated(_ name: String, _ fields: [String: JSONValue]) -> Result<AssistantMetadata, RecordRejection> {
    AssistantMetadata.validated(name: name, fields: fields, now: now)
}

private func failure(_ result: Result<AssistantMetadata, RecordRejection>) -> RecordRejection? {
    switch result {
    case .success(let m):
        Issue.record("expected a rejection, got \(m)")
        return nil
    case .failure(let r): return r
    }
}

@Suite struct AssistantMetadataTests {
    @Test func fullMetadata() throws {
        let result = validated(
            "siem-copilot",
            [
                "tool": .string("siem"), "category": .string("copilot"), "archetype": .string("shaper"),
                "rollout_at": .string("2026-01-15T00:00:00Z"),
            ])
        // 2026-01-15 is 20 454 + 14 days after the epoch.
        #expect(
            try result.get()
                == AssistantMetadata(
                    name: "siem-copilot", tool: "siem", category: .copilot, archetype: .shaper,
                    rolloutAt: Timestamp(microseconds: 20_468 * 86_400 * 1_000_000), registered: true))
    }

    @Test func everyFieldIsOptional() throws {
        let m = try validated("bot", [:]).get()
        #expect(m == AssistantMetadata(name: "bot"))
        #expect(m.registered)
    }

    @Test(arguments: ["off-the-shelf-llm", "copilot", "agent", "supervised-ml", "custom-llm"])
    func allFiveCategories(category: String) throws {
        let m = try validated("bot", ["category": .string(category)]).get()
        #expect(m.category?.rawValue == category)
    }

    @Test func unknownCategoryListsAllowedValues() {
        let r = failure(validated("bot", ["category": .string("llm")]))
        #expect(r?.error.contains("'category'") == true)
        #expect(r?.error.contains("off-the-shelf-llm, copilot, agent, supervised-ml, custom-llm") == true)
        #expect(r?.id == "bot")
    }

    @Test func unknownArchetypeListsAllowedValues() {
        let r = failure(validated("bot", ["archetype": .string("maker")]))
        #expect(r?.error.contains("'archetype'") == true)
        #expect(r?.error.contains("taker, shaper, builder") == true)
    }

    @Test func badRolloutTimestamp() {
        let r = failure(validated("bot", ["rollout_at": .string("2026-01-15")]))
        #expect(r?.error.contains("'rollout_at'") == true)
    }

    @Test func rolloutInTheFarFutureIsRejected() {
        let r = failure(validated("bot", ["rollout_at": .string("2026-03-02T10:05:00.000001Z")]))
        #expect(r?.error.contains("'rollout_at'") == true)
    }

    @Test func defaultNowAcceptsAnyParseableRollout() throws {
        let m = try AssistantMetadata.validated(name: "bot", fields: ["rollout_at": .string("9999-12-31T23:59:59Z")])
            .get()
        #expect(m.rolloutAt == Timestamp(rfc3339: "9999-12-31T23:59:59Z"))
    }

    @Test func wrongJSONType() {
        let r = failure(validated("bot", ["tool": .number(1)]))
        #expect(r?.error.contains("'tool'") == true)
        #expect(r?.error.contains("a number") == true)
    }

    @Test func nameLength() {
        #expect((try? validated(String(repeating: "n", count: 128), [:]).get()) != nil)
        let long = failure(validated(String(repeating: "n", count: 129), [:]))
        #expect(long?.error.contains("128") == true)
        let empty = failure(validated("", [:]))
        #expect(empty?.error.contains("name") == true)
    }
}
