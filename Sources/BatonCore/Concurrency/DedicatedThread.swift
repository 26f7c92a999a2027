import Foundation

/// Runs long synchronous work on a thread of its own and awaits its result.
///
/// Swift's cooperative pool has one thread per core (two here). Work that blocks one of them for
/// seconds, such as a report's build, halves what every other request can get done meanwhile:
/// a preview read during a build once took 2.15 s instead of 0.2 s. On a thread of its own the
/// work competes for the cores through the kernel's scheduler instead, and the pool stays free.
/// Blocking client I/O (the benchmark's clients) runs here for the same reason.
package enum DedicatedThread {
    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    package static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
