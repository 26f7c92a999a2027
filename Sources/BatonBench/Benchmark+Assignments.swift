import BatonCore
import BatonStore
import Foundation

extension Benchmark {
    static let assignmentTenant = "bench-assign"

    /// Part (d): `POST /v1/assignments` at `assignmentRate` requests per second for
    /// `assignmentSeconds` (plus one unmeasured second), open loop over `assignmentClients`
    /// keep-alive connections, against one running experiment. Three asks in four are a case's
    /// first (recorded), one in four repeats an earlier case (read back), as tools that ask again
    /// after a retry or a playbook re-run.
    func measureAssignments(storage: PostgresStorage, endpoint: DatabaseEndpoint) async throws
        -> AssignmentBenchResult
    {
        let tenant = Self.assignmentTenant
        let share = 0.2
        let token = try await storage.tokens.createToken(tenant: tenant, role: .ingest, label: "bench", logger: logger)
        _ = try await storage.experiments.putExperiment(
            name: "bench", settings: ExperimentSettings(assistant: "bench-copilot", holdoutShare: share),
            tenant: tenant, logger: logger)
        let (rate, clients) = (assignmentRate, assignmentClients)
        let warmup = rate
        let total = warmup + Int((Double(rate) * assignmentSeconds).rounded())
        note("assignments: \(total) requests at \(rate)/s over \(clients) connections")
        let samples = try await serving(endpoint: endpoint) { port in
            let start = DispatchTime.now().uptimeNanoseconds + 50_000_000
            return try await withThrowingTaskGroup(of: [AssignmentSample].self) { group in
                for c in 0..<clients {
                    group.addTask {
                        try await Self.askOnThread(
                            Array(stride(from: c, to: total, by: clients)), rate: rate, start: start, port: port,
                            token: token.secret)
                    }
                }
                var all: [AssignmentSample] = []
                for try await part in group { all += part }
                return all
            }
        }
        let measured = samples.filter { $0.index >= warmup }
        let latencies = measured.map(\.milliseconds)
        let first = measured.filter { !Self.isRepeat($0.index) }
        let span = Double((measured.map(\.finished).max() ?? 0) - (measured.map(\.scheduled).min() ?? 0)) / 1e9
        return AssignmentBenchResult(
            build: Self.buildName, targetRate: rate, seconds: assignmentSeconds, clients: clients,
            requests: measured.count,
            firstAsks: first.count, achievedRate: Double(measured.count) / max(span, 1e-9),
            p50Milliseconds: Self.quantile(latencies, 0.5), p99Milliseconds: Self.quantile(latencies, 0.99),
            maxMilliseconds: latencies.max() ?? .nan,
            p99ServerMilliseconds: Self.quantile(measured.map(\.serverMilliseconds), 0.99),
            p99LateMilliseconds: Self.quantile(measured.map(\.lateMilliseconds), 0.99), holdoutShare: share,
            observedHoldoutShare: Double(first.filter(\.holdout).count) / Double(max(first.count, 1)))
    }

    struct AssignmentSample: Sendable {
        var index: Int
        var scheduled: UInt64
        var sent: UInt64
        var finished: UInt64
        var holdout: Bool
        var milliseconds: Double { Double(finished - scheduled) / 1e6 }
        var serverMilliseconds: Double { Double(finished - sent) / 1e6 }
        var lateMilliseconds: Double { Double(sent - min(sent, scheduled)) / 1e6 }
    }

    /// Whether request `index` repeats an earlier case (one in four: the case of `index - 3`).
    static func isRepeat(_ index: Int) -> Bool { index % 4 == 3 }

    static func caseID(_ index: Int) -> String { "bench-case-\(isRepeat(index) ? index - 3 : index)" }

    /// Sends requests `indices` at their scheduled times (`start` + index / rate) on one connection,
    /// on a thread of its own.
    static func askOnThread(_ indices: [Int], rate: Int, start: UInt64, port: Int, token: String) async throws
        -> [AssignmentSample]
    {
        try await DedicatedThread.run {
            let connection = try BenchHTTPConnection(port: port)
            var samples: [AssignmentSample] = []
            samples.reserveCapacity(indices.count)
            let headers = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")]
            for index in indices {
                let scheduled = start + UInt64(index) * 1_000_000_000 / UInt64(rate)
                let now = DispatchTime.now().uptimeNanoseconds
                if scheduled > now { Thread.sleep(forTimeInterval: Double(scheduled - now) / 1e9) }
                let body = Data(#"{"workflow_id":"\#(caseID(index))","assistant":"bench-copilot"}"#.utf8)
                let sent = DispatchTime.now().uptimeNanoseconds
                let (status, answer) = try connection.request(
                    method: "POST", path: "/v1/assignments", headers: headers, body: body)
                let finished = DispatchTime.now().uptimeNanoseconds
                let text = String(decoding: answer, as: UTF8.self)
                guard status == 200, text.contains(#""experiment":"bench""#) else {
                    throw BenchError("POST /v1/assignments answered \(status): \(text.prefix(300))")
                }
                samples.append(
                    AssignmentSample(
                        index: index, scheduled: scheduled, sent: sent, finished: finished,
                        holdout: text.contains(#""arm":"holdout""#)))
            }
            return samples
        }
    }
}
