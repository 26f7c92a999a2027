/// How a figure was computed (value-model §10), so a reader can tell an exact figure from one
/// allowed an approximation.
public enum ComputationPath: String, Codable, Sendable, Hashable {
    /// From every row of the period: exact medians, the case bootstrap.
    case rows
    /// From mergeable log-binned duration histograms: medians within 0.25%, a speedup within 0.5%,
    /// and a bootstrap that draws bins (`Docs/metrics.md`, "Computing at scale").
    case histograms
    /// From the daily rollups the maintenance pass keeps (`Docs/performance.md`, "Rollups"), for a
    /// period of whole UTC days whose rollups count every row: every count and sum equal to the
    /// rows'; a median (the coordination matrix's) from the days' merged log-binned histograms,
    /// within 0.25% of the rows' (`Docs/coordination.md`, "How it is computed").
    case rollups
}
