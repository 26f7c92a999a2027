import BatonCore

extension HandoffClassing {
    /// The class of a row of `report_source.handoffs` (alias `h`) as SQL: one of two constant
    /// expressions, never built from a request value.
    var handoffClassColumn: String {
        switch self {
        case .tool: return "h.tool_pair"
        case .assistant: return "(COALESCE(h.from_side, '') || '→' || h.to_side)"
        }
    }
}
