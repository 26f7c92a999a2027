/// Workflow severity (value-model §1).
public enum Severity: String, Vocabulary {
    case low, medium, high, critical
}
