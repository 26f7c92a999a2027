import BatonCore
import Testing

@Suite("Token use summed from task records")
struct TokenUsageRecordsTests {
    let day = Timestamp(utcDate: "2026-03-10")!

    func task(
        _ id: String, assistant: String? = "copilot", ai: AIMode = .assisted, hour: Int64 = 9,
        _ attributes: [String: JSONValue]? = nil
    ) -> TaskRecord {
        TaskRecord(
            id: id, workflowID: "W1", taskType: "triage", tool: "siem", assistant: assistant, aiMode: ai,
            startedAt: day.adding(microseconds: hour * 3_600_000_000), attributes: attributes)
    }

    @Test("AI tasks by assistant, day, provider and model; new and old names; counts out of range are none")
    func sums() {
        let new: [String: JSONValue] = [
            "gen_ai.usage.input_tokens": .number(1_000), "gen_ai.usage.output_tokens": .number(200.4),
            "gen_ai.provider.name": .string("openai"), "gen_ai.response.model": .string("gpt-x"),
        ]
        let old: [String: JSONValue] = [
            "gen_ai.usage.prompt_tokens": .number(500), "gen_ai.usage.completion_tokens": .number(100),
            "gen_ai.system": .string("openai"), "gen_ai.request.model": .string("gpt-x"),
        ]
        let usage = TokenUsage.summing([
            task("a", new), task("b", old),
            // No counts: an AI task all the same.
            task("c"),
            // A count beyond 10¹² or negative is no count; the other count still counts.
            task(
                "d",
                [
                    "gen_ai.usage.input_tokens": .number(2e12), "gen_ai.usage.output_tokens": .number(-1),
                    "gen_ai.provider.name": .string("openai"), "gen_ai.response.model": .string("gpt-x"),
                ]),
            // The next day, another group; not AI, or no assistant: left out.
            task("e", hour: 30, new), task("f", ai: .none, new), task("g", assistant: nil, new),
        ])
        let first = usage.first { $0.day == day.utcDayNumber && $0.provider == "openai" }
        #expect(first?.aiTasks == 3 && first?.tasksWithTokens == 2)
        #expect(first?.inputTokens == 1_500 && first?.outputTokens == 300)
        let unnamed = usage.first { $0.day == day.utcDayNumber && $0.provider == nil }
        #expect(unnamed?.aiTasks == 1 && unnamed?.tasksWithTokens == 0)
        let next = usage.first { $0.day == day.utcDayNumber + 1 }
        #expect(next?.aiTasks == 1 && next?.inputTokens == 1_000)
        #expect(usage.count == 3)
        #expect(usage.reduce(0) { $0 + $1.aiTasks } == 5)
    }
}
