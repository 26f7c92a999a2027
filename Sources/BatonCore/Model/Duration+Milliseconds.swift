extension Duration {
    /// Whole milliseconds (rounded down), for log fields such as `baton.timing.*_ms`.
    package var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
