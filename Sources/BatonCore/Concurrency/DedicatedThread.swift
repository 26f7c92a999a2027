import Foundation

/// Runs long synchronous work on a thread of its own and awaits its result.
///
/// Swift's cooperative pool has one thread per core (two here). Work that blocks one of them for
/// seconds, such as a report's build, leaves every other request the threads that remain: while
/// reports built on the pool, 25-record ingest batches waited up to 1.97 s; with the build here,
/// at most 0.40 s (`Docs/performance.md`, "Requests while a report builds"). On a thread of its
/// own the work competes for the cores through the kernel's scheduler instead. Blocking client
/// I/O (the benchmark's clients) runs here for the same reason.
package enum DedicatedThread {
    /// `work`'s result, or its error; a `work` that cannot throw (`E` is `Never`) needs no `try`.
    package static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, E>, Never>) in
            Thread { continuation.resume(returning: Result { () throws(E) -> T in try work() }) }.start()
        }
        return try result.get()
    }
}
