/// Token use of one assistant's AI tasks on one day (UTC, by the task's start) with one provider
/// and model, summed in SQL (`ReportInputReader.tokenUsage`). Tasks without token counts are
/// counted in `aiTasks` and add nothing else; a task with counts but no provider or model has
/// `nil` there and cannot be priced.
public struct TokenUsage: Sendable, Hashable {
    public var assistant: String
    /// Days since 1970-01-01.
    public var day: Int
    public var provider: String?
    public var model: String?
    public var aiTasks: Int
    /// Of those, tasks that reported an input or an output token count.
    public var tasksWithTokens: Int
    public var inputTokens: Int64
    public var outputTokens: Int64

    public init(
        assistant: String, day: Int, provider: String?, model: String?, aiTasks: Int, tasksWithTokens: Int,
        inputTokens: Int64, outputTokens: Int64
    ) {
        self.assistant = assistant
        self.day = day
        self.provider = provider
        self.model = model
        self.aiTasks = aiTasks
        self.tasksWithTokens = tasksWithTokens
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}
