/// The SOC stage a task belongs to (value-model §1).
public enum Stage: String, Vocabulary {
    case detection, triage, investigation, response, closure
}
