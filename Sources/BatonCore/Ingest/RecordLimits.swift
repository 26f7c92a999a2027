/// Bounds a record must respect; defaults are documented in `Docs/collector.md`.
public struct RecordLimits: Sendable, Hashable {
    /// Longest identifier (`id`, `workflow_id`, `context_from`, `assistant`), in characters.
    public var maxIdentifierLength: Int
    /// Longest other text field (`task_type`, `tool`, `actor`, `category`, `outcome`), in characters.
    public var maxTextLength: Int
    /// How far in the future a timestamp may lie, in microseconds, to absorb clock skew.
    public var maxFutureSkewMicroseconds: Int64

    public init(
        maxIdentifierLength: Int = 128, maxTextLength: Int = 512,
        maxFutureSkewMicroseconds: Int64 = 5 * 60 * 1_000_000
    ) {
        self.maxIdentifierLength = maxIdentifierLength
        self.maxTextLength = maxTextLength
        self.maxFutureSkewMicroseconds = maxFutureSkewMicroseconds
    }
}
