import Foundation

/// One slot per parallel job, filled concurrently by `DispatchQueue.concurrentPerform`; read in
/// job order afterwards, so results never depend on which job finished first.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// Every slot in order; `nil` where no job stored a value.
    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
