import BatonCore
import BatonSimulation
import Foundation
import Testing

/// Shared inputs of the simulation tests. The large run (the bundled default: 20,000 workflows,
/// one tenant) is generated once per test process and reused, so that the whole suite stays fast.
enum Fixtures {
    /// The seed of the shared runs (the CLI's default seed).
    static let seed: UInt64 = 1

    private static let bundled: Result<Scenario, any Error> = Result { try Scenario.bundledDefault() }

    /// The bundled default scenario, unchanged.
    static func defaultScenario() throws -> Scenario { try bundled.get() }

    /// The default scenario with fewer workflows and, like `baton simulate --tenants N`,
    /// `tenants` tenants `soc-1`…`soc-N` whose delivery models cycle in-house, hybrid, mssp.
    static func scenario(workflows: Int, tenants: Int = 1) throws -> Scenario {
        var s = try defaultScenario()
        s.workflows = workflows
        let models = ["in-house", "hybrid", "mssp"]
        s.tenants = (1...tenants).map { Scenario.TenantSpec(id: "soc-\($0)", deliveryModel: models[($0 - 1) % 3]) }
        return s
    }

    /// One simulation: workflows per tenant and, when asked for, the ground truth.
    struct Run: Sendable {
        var scenario: Scenario
        var seed: UInt64
        var tenants: [[SimulatedWorkflow]]
        var truth: GroundTruth?
    }

    static func run(_ scenario: Scenario, seed: UInt64 = Fixtures.seed, truth: Bool = false) -> Run {
        let simulator = SOCSimulator(scenario: scenario, seed: seed)
        return Run(
            scenario: scenario, seed: seed,
            tenants: scenario.tenants.indices.map { simulator.workflows(tenantIndex: $0) },
            truth: truth ? simulator.groundTruth() : nil)
    }

    /// The bundled default scenario as shipped (20,000 workflows) with seed 1, and its truth.
    private static let large: Result<Run, any Error> = Result { run(try defaultScenario(), truth: true) }
    static func largeRun() throws -> Run { try large.get() }

    /// The records of some workflows as NDJSON, one `ndjsonLine` per line.
    static func ndjson(_ workflows: [SimulatedWorkflow]) -> String {
        workflows.flatMap(\.records).map(\.ndjsonLine).joined(separator: "\n") + "\n"
    }

    static let microsecondsPerMinute = 60_000_000.0
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// A task's duration in minutes (simulated tasks always end).
    static func minutes(_ task: TaskRecord) -> Double {
        Double((task.endedAt ?? task.startedAt).microseconds(since: task.startedAt)) / microsecondsPerMinute
    }

    /// The sample median (mean of the two middle values for an even count).
    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty)
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid]
    }

    /// 2026-01-05T00:00:00Z, the default scenario's start, worked out by hand: 56 years from 1970 of
    /// which 14 leap years (1972…2024) give 20,454 days to 2026-01-01, plus 4 days.
    static let defaultStart = Timestamp(microseconds: (20_454 + 4) * 86_400 * 1_000_000)
}
