/// The five AI categories the SOC-CMM 2026 report tracks (value-model §1).
public enum AssistantCategory: String, Vocabulary {
    case offTheShelfLLM = "off-the-shelf-llm"
    case copilot
    case agent
    case supervisedML = "supervised-ml"
    case customLLM = "custom-llm"
}
