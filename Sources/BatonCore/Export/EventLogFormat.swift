/// The formats of `baton export events`.
public enum EventLogFormat: String, Vocabulary {
    /// IEEE 1849-2016 XES: one trace per workflow, start and complete events per task.
    case xes
    /// OCEL 2.0 JSON: workflows and assistants as objects, task starts and completions as events.
    case ocel
    /// One row per task, for spreadsheets and tools that read flat logs.
    case csv

    /// A writer for this format.
    public func writer(taskTypes: [String], assistants: [AssistantMetadata]) -> any EventLogWriter {
        switch self {
        case .xes: return XESWriter()
        case .ocel: return OCELWriter(taskTypes: taskTypes, assistants: assistants)
        case .csv: return EventCSVWriter()
        }
    }
}
