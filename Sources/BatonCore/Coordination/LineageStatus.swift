/// What became of a task's `context_from` (value-model §8, `Docs/coordination.md`).
public enum LineageStatus: String, Vocabulary {
    /// It names another task of the same case: a producer → consumer link.
    case linked
    /// It names a task that is not in this case (another case's, or one never received): ignored
    /// for lineage and counted.
    case otherCase = "other-case"
    /// Following `context_from` from this task comes back to it (a task naming itself included):
    /// no task can consume an output that depends on its own, so the link is ignored and counted.
    /// Cycles are not refused at ingest: a record may arrive before the records it names, so a
    /// cycle can only be seen once all of its tasks are stored.
    case cycle
}
