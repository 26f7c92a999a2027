import Testing

@testable import BatonHTTP

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("a burst passes, the next request waits for the refill, and time refills the bucket up to the burst")
    func bucket() throws {
        var bucket = TokenBucket(ratePerSecond: 2, burst: 3, now: 100)
        #expect(bucket.take(now: 100) == nil)
        #expect(bucket.take(now: 100) == nil)
        #expect(bucket.take(now: 100) == nil)
        let wait = bucket.take(now: 100)
        #expect(wait.map { abs($0 - 0.5) < 1e-9 } == true)
        #expect(bucket.take(now: 100.5) == nil)
        #expect(bucket.take(now: 100.5) != nil)
        // A long pause refills to the burst, not beyond it.
        for _ in 0..<3 { #expect(bucket.take(now: 1000) == nil) }
        #expect(bucket.take(now: 1000) != nil)
        // A clock that steps back does not mint tokens.
        #expect(bucket.take(now: 10) != nil)
    }
}
