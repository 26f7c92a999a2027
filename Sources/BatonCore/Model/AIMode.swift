/// How an AI assistant took part in a task (value-model §1).
public enum AIMode: String, Vocabulary {
    case none, assisted, autonomous

    /// A task is AI-touched when an assistant took any part in it.
    public var isAITouched: Bool { self != .none }
}
