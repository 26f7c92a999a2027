/// How handoffs are grouped into classes (`class_by` in the API, `--class-by` on the command
/// line): by the tools on either side (`siem→edr`, the default) or by who worked on either side
/// (value-model §8): the assistant when the task's `ai_mode` is not `none`, else `human`
/// (`siem-triage-assistant→human`).
public enum HandoffClassing: String, Vocabulary {
    case tool
    case assistant
}
