/// The status changes of a case, nested in its row (a Jira issue with its changelog), made into
/// tasks by the same rules as the XES status mapping (`XESMapping`, `Docs/xes-import.md`): the
/// case is in a status from one change to the next; `work` statuses are tasks, `closing` ones
/// close the case, the others are waiting.
public struct TableStatusRules: Sendable, Hashable, Codable {
    /// The key of the array of changes in each row (such as `changelog.histories`).
    public var changes: String
    /// Optional: the key of an array inside each change whose entries are the changed fields
    /// (Jira's `items`); only entries whose `itemField` is `itemValue` are status changes.
    public var items: String?
    public var itemField: String?
    public var itemValue: String?
    /// In the change: when it happened.
    public var at: String
    /// In the item (else the change): the new status, and the status before it.
    public var status: String
    public var fromStatus: String?
    /// In the change: who made it; the person working in the status it started.
    public var actor: String?
    /// From the row: the tool (team) the work is done in.
    public var tool: TableFieldSource
    public var work: [String]
    public var closing: [String]
    /// The status a case is in before its first change, when the change does not say.
    public var initialStatus: String?

    public init(
        changes: String, items: String? = nil, itemField: String? = nil, itemValue: String? = nil, at: String,
        status: String, fromStatus: String? = nil, actor: String? = nil, tool: TableFieldSource, work: [String],
        closing: [String], initialStatus: String? = nil
    ) {
        self.changes = changes
        self.items = items
        self.itemField = itemField
        self.itemValue = itemValue
        self.at = at
        self.status = status
        self.fromStatus = fromStatus
        self.actor = actor
        self.tool = tool
        self.work = work
        self.closing = closing
        self.initialStatus = initialStatus
    }
}
