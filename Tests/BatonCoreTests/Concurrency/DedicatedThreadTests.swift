import Foundation
import Synchronization
import Testing

@testable import BatonCore

@Suite("DedicatedThread")
struct DedicatedThreadTests {
    /// More blocked jobs than the cooperative pool has threads: on the pool, the task that
    /// releases them could never run, and only the rescue thread (after 20 s) would end the wait.
    @Test func blockedWorkLeavesThePoolFree() async throws {
        let jobs = ProcessInfo.processInfo.activeProcessorCount + 2
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let rescued = Mutex(false)
        let rescue = Thread {
            Thread.sleep(forTimeInterval: 20)
            rescued.withLock { $0 = true }
            for _ in 0..<jobs { gate.signal() }
        }
        rescue.start()
        async let results: [Int] = withTaskGroup(of: Int.self) { group in
            for job in 0..<jobs {
                group.addTask {
                    await DedicatedThread.run {
                        started.signal()
                        gate.wait()
                        return job
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // A task on the pool releases the jobs once every one of them blocks its thread; were
        // they on the pool, too few would ever start.
        let release = Task {
            for _ in 0..<jobs { started.wait() }
            for _ in 0..<jobs { gate.signal() }
        }
        await release.value
        #expect(await results.sorted() == Array(0..<jobs))
        #expect(!rescued.withLock { $0 })
    }

    @Test func errorsReachTheCaller() async {
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await DedicatedThread.run { () throws -> Int in throw Refused() }
        }
    }
}
