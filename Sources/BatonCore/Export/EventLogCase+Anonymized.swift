extension EventLogCase {
    /// The case with every name that could identify the SOC, its incidents or its people replaced
    /// by a stable pseudonym (workflow and task ids, actors, assistants; `context_from` follows
    /// its task's pseudonym so handoffs stay linked) and free attributes dropped. Task types,
    /// tools, stages, severities, categories and times stay: they are what process mining reads.
    public func anonymized(by pseudonyms: Pseudonymizer) -> EventLogCase {
        var copy = self
        copy.workflowID = pseudonyms.pseudonym(workflowID, kind: .workflow)
        copy.tasks = tasks.map { task in
            var t = task
            t.id = pseudonyms.pseudonym(task.id, kind: .task)
            t.workflowID = copy.workflowID
            t.actor = task.actor.map { pseudonyms.pseudonym($0, kind: .actor) }
            t.assistant = task.assistant.map { pseudonyms.pseudonym($0, kind: .assistant) }
            t.contextFrom = task.contextFrom.map { pseudonyms.pseudonym($0, kind: .task) }
            t.attributes = nil
            return t
        }
        return copy
    }
}
