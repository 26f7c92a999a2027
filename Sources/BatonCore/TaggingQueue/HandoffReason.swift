/// Why a handoff was slow, as an analyst tags it (value-model §1, minimum taxonomy).
public enum HandoffReason: String, Vocabulary {
    case queueWait = "queue-wait"
    case approvalWait = "approval-wait"
    case contextRegathering = "context-regathering"
    case toolSwitch = "tool-switch"
    case shiftChange = "shift-change"
    case missingEscalationPath = "missing-escalation-path"
    case awaitingRequester = "awaiting-requester"
    case aiOutputRework = "ai-output-rework"
    case other
}
