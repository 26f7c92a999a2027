import Foundation

/// Part (d) of `baton bench`: `POST /v1/assignments` at a fixed rate, as tools ask before an
/// assistant works on a case (issue 20: p99 under 5 ms at 1,000 per second).
package struct AssignmentBenchResult: Codable, Sendable {
    /// `debug` or `release`: only a release build's figures mean anything.
    var build: String
    /// Requests per second the clients aimed at (open loop: each request has a scheduled time).
    var targetRate: Int
    var seconds: Double
    var clients: Int
    /// Measured requests (after one unmeasured second of warm-up).
    var requests: Int
    /// Measured requests that asked about a case for the first time (recorded then).
    var firstAsks: Int
    var achievedRate: Double
    /// Latency from each request's scheduled time to its complete answer (a late send counts
    /// against the server, so a stall is not hidden).
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    var maxMilliseconds: Double
    /// p99 from the moment the request was written to its complete answer: what the server and
    /// the network took, without the client's own lateness.
    var p99ServerMilliseconds: Double
    /// p99 of how late the client sent (its thread woke after the scheduled time): on a machine
    /// where the benchmark's client shares the cores with the server, part of the tail is its own.
    var p99LateMilliseconds: Double
    var holdoutShare: Double
    /// The share of the first asks answered `holdout` (near `holdoutShare`).
    var observedHoldoutShare: Double

    /// Part (d) alone as a Markdown table, ready for `Docs/performance.md`.
    package var table: String {
        (["| part | measure | result |", "| --- | --- | --- |"] + tableRows).joined(separator: "\n")
    }

    /// The results as Markdown table rows (`| part | measure | result |`).
    var tableRows: [String] {
        func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
        return [
            "| assignments | \(build) build: `POST /v1/assignments` at \(targetRate)/s for \(f(seconds, 0)) s, \(clients) connections, \(requests) requests (\(firstAsks) first asks) | \(f(achievedRate, 0))/s; p50 \(f(p50Milliseconds, 2)) ms, p99 \(f(p99Milliseconds, 2)) ms, max \(f(maxMilliseconds, 1)) ms |",
            "| assignments | p99 (target < 5 ms); holdout share of first asks (share \(holdoutShare)) | \(f(p99Milliseconds, 2)) ms; \(f(observedHoldoutShare, 3)) |",
            "| assignments | p99 from the write to the answer; p99 of the client's own lateness in sending | \(f(p99ServerMilliseconds, 2)) ms; \(f(p99LateMilliseconds, 2)) ms |",
        ]
    }
}
