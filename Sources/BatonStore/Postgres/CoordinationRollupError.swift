/// A stored coordination histogram that is not canonical (bins not strictly ascending, a count
/// not positive, or arrays of different lengths): `coordination_rollups` was written by something
/// other than `baton_rollup_month`.
package enum CoordinationRollupError: Error, Equatable {
    case notCanonical(group: String)
}
