import Foundation
import Synchronization
import Testing

@testable import BatonCore

@Suite("DedicatedThread")
struct DedicatedThreadTests {
    /// More jobs block at once than the cooperative pool has threads, which only threads of their
    /// own allow: on the pool at most one job per core could start, the rest would wait for a
    /// thread, and the releaser would give up. The releaser is a plain thread. Its bound is long,
    /// 600 s, because the jobs' tasks need turns on the pool to start, and in `swift test` other
    /// tests' synchronous bodies hold the pool's threads for minutes (125 s seen in CI); the whole
    /// run takes about 5 minutes.
    @Test func moreJobsBlockAtOnceThanThePoolHasThreads() async {
        let jobs = ProcessInfo.processInfo.activeProcessorCount + 2
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let allAtOnce = Mutex(false)
        Thread {
            let deadline = DispatchTime.now() + 600
            var blocked = 0
            while blocked < jobs, started.wait(timeout: deadline) == .success { blocked += 1 }
            allAtOnce.withLock { $0 = blocked == jobs }
            for _ in 0..<jobs { gate.signal() }
        }.start()
        let results = await withTaskGroup(of: Int.self) { group in
            for job in 0..<jobs {
                group.addTask {
                    await DedicatedThread.run {
                        started.signal()
                        gate.wait()
                        return job
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<jobs))
        #expect(allAtOnce.withLock { $0 })
    }

    @Test func errorsReachTheCaller() async {
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await DedicatedThread.run { () throws -> Int in throw Refused() }
        }
    }
}
