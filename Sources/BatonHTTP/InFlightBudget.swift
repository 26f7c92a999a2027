/// The collector's bound on work in flight: at most `maxBatches` batches and `maxBytes` request
/// bytes at once. Pure bookkeeping; the HTTP layer holds one behind a lock and answers 503 with
/// `Retry-After` when a batch does not fit, instead of buffering without limit.
package struct InFlightBudget: Sendable, Hashable {
    /// Which bound a batch would have crossed.
    package enum Refusal: String, Sendable, Hashable {
        case batches
        case bytes
    }

    package let maxBatches: Int
    package let maxBytes: Int
    package private(set) var batches = 0
    package private(set) var bytes = 0

    package init(maxBatches: Int, maxBytes: Int) {
        precondition(maxBatches > 0 && maxBytes > 0, "in-flight bounds must be positive")
        self.maxBatches = maxBatches
        self.maxBytes = maxBytes
    }

    /// Admits one more batch holding `bytes` (its declared length, or 0 when unknown), or says
    /// which bound it would cross; a refused batch holds nothing.
    package mutating func admit(bytes: Int) -> Refusal? {
        guard batches < maxBatches else { return .batches }
        guard bytes >= 0, bytes <= maxBytes - self.bytes else { return .bytes }
        batches += 1
        self.bytes += bytes
        return nil
    }

    /// Lets an admitted batch hold `extra` more bytes (its body turned out longer than declared),
    /// or refuses and leaves it as it was.
    package mutating func grow(by extra: Int) -> Refusal? {
        guard extra >= 0, extra <= maxBytes - bytes else { return .bytes }
        bytes += extra
        return nil
    }

    /// Gives back an admitted batch and every byte it held.
    package mutating func release(bytes held: Int) {
        precondition(batches > 0 && held >= 0 && held <= bytes, "released more than was admitted")
        batches -= 1
        bytes -= held
    }
}
