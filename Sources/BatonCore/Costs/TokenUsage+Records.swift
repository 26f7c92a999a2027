extension TokenUsage {
    /// The token use of task records, summed as the report's reader sums stored tasks
    /// (`TokenUsageReader` in BatonStore): the AI tasks (`ai_mode` not `none`, with an assistant),
    /// grouped by assistant, day (UTC, by the task's start), provider and model. The attribute names
    /// are the collector's (`Docs/otel.md`), the older ones read too; a count that is not a number
    /// from 0 to 10¹² is no count, and counts are rounded to whole tokens. A provider or model is read
    /// from a string attribute only. For reports built without a database (the simulator's input).
    public static func summing(_ tasks: [TaskRecord]) -> [TokenUsage] {
        struct Key: Hashable {
            var assistant: String
            var day: Int
            var provider: String?
            var model: String?
        }
        var sums: [Key: TokenUsage] = [:]
        for task in tasks where task.aiMode != .none {
            guard let assistant = task.assistant else { continue }
            let a = task.attributes ?? [:]
            func text(_ names: String...) -> String? {
                for name in names where a[name] != nil {
                    if case .string(let value) = a[name] { return value }
                    return nil
                }
                return nil
            }
            func count(_ names: String...) -> Int64? {
                guard let name = names.first(where: { a[$0] != nil }),
                    case .number(let value) = a[name], value >= 0, value <= 1e12
                else { return nil }
                return Int64(value.rounded())
            }
            let key = Key(
                assistant: assistant, day: task.startedAt.utcDayNumber,
                provider: text("gen_ai.provider.name", "gen_ai.system"),
                model: text("gen_ai.response.model", "gen_ai.request.model"))
            let input = count("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens")
            let output = count("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens")
            var usage =
                sums[key]
                ?? TokenUsage(
                    assistant: assistant, day: key.day, provider: key.provider, model: key.model, aiTasks: 0,
                    tasksWithTokens: 0, inputTokens: 0, outputTokens: 0)
            usage.aiTasks += 1
            if input != nil || output != nil { usage.tasksWithTokens += 1 }
            usage.inputTokens += input ?? 0
            usage.outputTokens += output ?? 0
            sums[key] = usage
        }
        return sums.values.sorted {
            ($0.assistant, $0.day, $0.provider ?? "\u{10FFFF}", $0.model ?? "\u{10FFFF}")
                < ($1.assistant, $1.day, $1.provider ?? "\u{10FFFF}", $1.model ?? "\u{10FFFF}")
        }
    }
}
