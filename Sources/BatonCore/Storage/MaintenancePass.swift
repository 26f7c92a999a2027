/// What one maintenance pass did (``MaintenanceRepository/maintain(now:retentionMonths:logger:)``).
package struct MaintenancePass: Sendable, Equatable {
    /// Month partitions created ahead of time (of `tasks` and `handoffs`, counted separately).
    package var partitionsCreated = 0
    /// Live months whose rollups were computed again because their rows changed.
    package var monthsRolledUp: [Timestamp] = []
    /// Months older than the retention whose rows were dropped, their rollups kept.
    package var monthsRetired: [Timestamp] = []

    package init() {}
}
