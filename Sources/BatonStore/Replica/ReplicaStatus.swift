/// Whether reads go to the read replica, and how far its replay is behind the primary, as the
/// ``ReplicaMonitor`` last measured it.
package struct ReplicaStatus: Sendable, Equatable {
    package enum State: String, Sendable {
        /// Not measured yet: reads go to the primary until the first check says otherwise.
        case starting
        /// Reads go to the replica.
        case inUse = "in_use"
        /// The replica did not answer the check in time: reads go to the primary.
        case down
        /// The replica's replay is behind by more than the allowed lag, or by an unknown time:
        /// reads go to the primary.
        case lagging
        /// The server answers but is not a standby (promoted, or not a replica at all): it no
        /// longer follows the primary, so reads go to the primary.
        case notStandby = "not_standby"
    }

    package var state: State
    /// Seconds of the primary's writes the replica has not replayed (an upper bound); 0 when it
    /// has replayed everything the primary had written at the check, `nil` when unknown.
    package var lagSeconds: Double?

    package init(state: State, lagSeconds: Double? = nil) {
        self.state = state
        self.lagSeconds = lagSeconds
    }

    /// Reads go to the replica.
    package var usable: Bool { state == .inUse }
}
