import BatonCore
import Foundation
package import Hummingbird
import Prometheus

/// Bounds the collector's work in flight (`--max-in-flight-batches`, `--max-in-flight-bytes`),
/// shared by `POST /v1/events` and `POST /v1/traces`. A batch is admitted before its body is read
/// and holds its bytes until it has been answered; beyond either bound the client gets 503 with
/// `Retry-After`, so a burst costs clients a retry instead of costing Baton unbounded memory.
///
/// A lock rather than an actor: admission and release are a few arithmetic operations, and the
/// release must happen synchronously on every exit path (a `defer`).
package final class InFlightLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var budget: InFlightBudget
    private let metrics: BatonMetrics
    let maxBatches: Int
    let maxBytes: Int

    /// Seconds a refused client is told to wait.
    static let retryAfter = 1

    package init(maxBatches: Int, maxBytes: Int, metrics: BatonMetrics) {
        self.budget = InFlightBudget(maxBatches: maxBatches, maxBytes: maxBytes)
        self.maxBatches = maxBatches
        self.maxBytes = maxBytes
        self.metrics = metrics
    }

    /// What one admitted batch holds.
    package struct Permit: Sendable {
        package fileprivate(set) var bytes: Int
    }

    /// Admits a batch that declares `declaredBytes` (its `Content-Length`, 0 when unknown).
    package func admit(declaredBytes: Int) throws(APIError) -> Permit {
        let refusal = lock.withLock {
            let refusal = budget.admit(bytes: declaredBytes)
            publish()
            return refusal
        }
        if let refusal { throw refused(refusal) }
        return Permit(bytes: declaredBytes)
    }

    /// Lets an admitted batch hold `total` bytes in all.
    package func grow(_ permit: inout Permit, to total: Int) throws(APIError) {
        guard total > permit.bytes else { return }
        let refusal = lock.withLock {
            let refusal = budget.grow(by: total - permit.bytes)
            publish()
            return refusal
        }
        if let refusal { throw refused(refusal) }
        permit.bytes = total
    }

    /// Gives back an admitted batch.
    package func release(_ permit: Permit) {
        lock.withLock {
            budget.release(bytes: permit.bytes)
            publish()
        }
    }

    /// Reads a request body up to `limit` bytes (413 beyond it), growing the permit as bytes
    /// arrive so that a body without `Content-Length` is bounded too.
    package func collect(_ body: RequestBody, upTo limit: Int, permit: inout Permit) async throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for try await chunk in body {
            let total = buffer.readableBytes + chunk.readableBytes
            guard total <= limit else {
                throw APIError(status: .contentTooLarge, code: "body_too_large", message: "request body is too large")
            }
            try grow(&permit, to: total)
            buffer.writeImmutableBuffer(chunk)
        }
        return buffer
    }

    /// Under the lock, so that the gauges never show an older state after a newer one.
    private func publish() {
        metrics.inFlightBytes.set(Int64(budget.bytes))
        metrics.inFlightBatches.set(Int64(budget.batches))
    }

    private func refused(_ refusal: InFlightBudget.Refusal) -> APIError {
        metrics.ingestRefused(refusal.rawValue).increment()
        let bound = refusal == .batches ? "\(maxBatches) batches" : "\(maxBytes) bytes"
        return APIError(
            status: .serviceUnavailable, code: "overloaded",
            message: "the collector is at its in-flight limit (\(bound)); retry after \(Self.retryAfter) s",
            headers: [.retryAfter: "\(Self.retryAfter)"])
    }
}
