/// A token bucket: `burst` requests at once, refilled at `ratePerSecond`. Pure: the caller passes
/// the time, in seconds on any monotonic clock.
package struct TokenBucket: Sendable, Hashable {
    package let ratePerSecond: Double
    package let burst: Double
    private var tokens: Double
    private var updatedAt: Double

    package init(ratePerSecond: Double, burst: Double, now: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.tokens = burst
        self.updatedAt = now
    }

    /// Takes one token if there is one and returns `nil`; otherwise returns how many seconds to
    /// wait until there will be one (for `Retry-After`).
    package mutating func take(now: Double) -> Double? {
        tokens = min(burst, tokens + max(0, now - updatedAt) * ratePerSecond)
        updatedAt = max(updatedAt, now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / ratePerSecond
    }
}
