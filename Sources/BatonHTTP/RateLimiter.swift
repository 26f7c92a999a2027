import BatonCore
import Foundation

/// Per-token request budgets for exporters (`--otlp-rate-limit`): over budget, `POST /v1/traces`
/// answers 429 with `Retry-After`, which OTLP exporters honour by backing off and retrying,
/// instead of letting one misconfigured agent monopolise the database.
actor RateLimiter {
    let ratePerSecond: Double
    let burst: Double
    private var buckets: [String: TokenBucket] = [:]
    private let start = ContinuousClock.now

    init(ratePerSecond: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = max(1, ratePerSecond * 2)
    }

    /// `nil` when the request may proceed, else the whole seconds to wait.
    func admit(_ key: String) -> Int? {
        let elapsed = ContinuousClock.now - start
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var bucket = buckets[key] ?? TokenBucket(ratePerSecond: ratePerSecond, burst: burst, now: now)
        let wait = bucket.take(now: now)
        buckets[key] = bucket
        return wait.map { max(1, Int($0.rounded(.up))) }
    }
}
