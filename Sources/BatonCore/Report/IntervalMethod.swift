/// How a workflow effect's 95% intervals were computed (value-model §4.5, §10). The point estimates
/// are the same arithmetic either way.
public enum IntervalMethod: String, Codable, Sendable, Hashable {
    /// Percentile intervals of the case bootstrap (cases resampled within stratum and arm).
    case bootstrap
    /// The normal approximation with within-stratum variances, used when every cell of every used
    /// stratum has at least 30 cases (value-model §10); ratios by Fieller's method
    /// (`Docs/metrics.md`, "Computing at scale: workflow effects from moments").
    case normal
}
