/// Token usage, provider and model of one task, summed over the span and the model calls folded
/// into it. Old and new GenAI attribute names are both read; the task keeps the new names.
struct GenAIUsage: Sendable, Hashable {
    var inputTokens: Int64?
    var outputTokens: Int64?
    var provider: String?
    var model: String?

    mutating func add(_ attributes: [String: OTLPAttributeValue]) {
        func first(_ names: String...) -> OTLPAttributeValue? { names.lazy.compactMap { attributes[$0] }.first }
        if let n = first("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens")?.integer {
            inputTokens = (inputTokens ?? 0) &+ n
        }
        if let n = first("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens")?.integer {
            outputTokens = (outputTokens ?? 0) &+ n
        }
        if provider == nil { provider = first("gen_ai.provider.name", "gen_ai.system")?.text }
        if model == nil { model = first("gen_ai.response.model", "gen_ai.request.model")?.text }
    }

    /// The task record's `attributes`.
    var attributes: [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        if let inputTokens { out["gen_ai.usage.input_tokens"] = .number(Double(inputTokens)) }
        if let outputTokens { out["gen_ai.usage.output_tokens"] = .number(Double(outputTokens)) }
        if let provider { out["gen_ai.provider.name"] = .string(String(provider.prefix(200))) }
        if let model { out["gen_ai.request.model"] = .string(String(model.prefix(200))) }
        return out
    }
}
