/// A stored duration histogram that is not canonical (bins not strictly ascending, a count not
/// positive, or arrays of different lengths): the rollup tables were written by something other
/// than `baton_rollup_month`.
package enum TaskDurationRollupError: Error, Equatable {
    case notCanonical(taskType: String, aiMode: String)
}
