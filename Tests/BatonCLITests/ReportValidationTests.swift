import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonCLI

/// The value report recovers the simulator's ground truth (issue 4, validation).
@Suite("Value report against the simulated truth")
struct ReportValidationTests {
    static func scenario(workflows: Int) throws -> Scenario {
        var s = try Scenario.bundledDefault()
        s.workflows = workflows
        return s
    }

    static func period(_ s: Scenario) -> (Timestamp, Timestamp) {
        let start = s.startTimestamp!
        return (start, start.adding(microseconds: Int64(s.days * 86_400 + 30 * 86_400) * 1_000_000))
    }

    @Test(
        "from the database: speedups within 10% of the truth, ΔL = ΔA + ΔW, and the SQL input equals the in-memory one")
    func fromDatabase() async throws {
        let scenario = try Self.scenario(workflows: 3_000)
        let sim = SOCSimulator(scenario: scenario, seed: 5)
        let truth = sim.groundTruth()
        let (from, to) = Self.period(scenario)
        let report = try await withFreshStorage { storage in
            _ = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger).load()
            let input = try await storage.reports.reportInput(
                tenant: "soc-1", from: from, to: to, logger: TestDatabase.logger)
            return ValueReportBuilder().build(input)
        }
        let memory = ValueReportBuilder().build(sim.reportInput())
        #expect(report.samples.closedWorkflows == 3_000)
        #expect(report.samples.tasks == truth.tenants[0].tasks)
        for a in truth.tenants[0].assistants {
            let measured = try #require(report.assistants.first { $0.name == a.name })
            let speedup = try #require(measured.taskSpeedups.first?.speedup.value)
            #expect(abs(speedup / a.taskSpeedup - 1) <= 0.10, "\(a.name): \(speedup) vs \(a.taskSpeedup)")
            let e = try #require(measured.workflowEffect)
            // The database path and the in-memory path agree on every point estimate.
            let same = try #require(memory.assistants.first { $0.name == a.name })
            #expect(same.taskSpeedups.first?.speedup.value == speedup)
            #expect(same.workflowEffect?.coverage == e.coverage)
            #expect(same.workflowEffect?.timeBlock == e.timeBlock)
            guard let dL = e.deltaLeadHours.value, let dA = e.deltaTouchHours.value, let dW = e.deltaWaitHours.value
            else {
                #expect(same.workflowEffect?.deltaLeadHours.value == nil)
                continue
            }
            #expect(abs(dL - (dA + dW)) < 1e-9)
            #expect(abs((same.workflowEffect?.deltaLeadHours.value ?? .nan) - dL) < 1e-9)
            #expect(abs((same.effortSavedHours.value ?? .nan) - (measured.effortSavedHours.value ?? .nan)) < 1e-6)
        }
        #expect(!report.friction.topClasses.isEmpty)
        // Coordination (value-model §8): the SQL aggregates over the stored rows, tags included,
        // give the same matrix as the in-memory derivation, and it matches the simulator's
        // per-pair truth (counts exact).
        let coordination = try #require(report.coordination)
        #expect(coordination == memory.coordination)
        for t in truth.tenants[0].coordination {
            let side = { (name: String) in CoordinationSide(assistant: name == "human" ? nil : name) }
            let cell = try #require(coordination.cell(side(t.from), side(t.to)), "\(t.from) → \(t.to)")
            #expect(cell.handoffs == t.handoffs && cell.links == t.links && cell.brokenLinks == t.brokenLinks)
            #expect(abs((cell.contextCarriedShare ?? 0) * Double(t.handoffs) - Double(t.contextCarried)) < 1e-6)
            #expect(abs((cell.regatherShare ?? 0) * Double(t.handoffs) - Double(t.regathered)) < 1e-6)
        }
        #expect(report.readiness.aiOutputConsumedShare != nil)

        // The JSON of a real report satisfies the documented schema (Docs/report-schema.json).
        let (validator, json) = try ReportSchema.check(report)
        #expect(validator.validate(json) == [])
        let example = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: ReportSchema.docs.appendingPathComponent("report-example.json")))
        #expect(validator.validate(example) == [])
        // The validator is not vacuous: a report without its headline, or of another version, fails.
        guard case .object(var broken) = json else { Issue.record("report is not an object"); return }
        broken["headline"] = nil
        // The first schema's version: a number, but not the constant 2.
        broken["schema_version"] = .number(1)
        #expect(validator.validate(.object(broken)).count == 2)
        #expect(report.readiness.waitingHoursTaggedShare ?? 0 > 0)
    }

    @Test("the SQL input is the same read in rows of 7 workflows as in rows of 16,384: columns cross rows intact")
    func chunkedInput() async throws {
        let scenario = try Self.scenario(workflows: 600)
        let sim = SOCSimulator(scenario: scenario, seed: 11)
        let (from, to) = Self.period(scenario)
        let (whole, chunked) = try await withFreshStorage { storage in
            _ = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger).load()
            let whole = try await storage.reports.reportInput(
                tenant: "soc-1", from: from, to: to, logger: TestDatabase.logger)
            let chunked = try await storage.reports.reportInput(
                tenant: "soc-1", from: from, to: to, chunk: 7, logger: TestDatabase.logger)
            return (whole, chunked)
        }
        #expect(whole.workflows.count == 600)
        #expect(whole.workflows.contains { !$0.classWaits.isEmpty && !$0.assistants.isEmpty })
        #expect(chunked.workflows == whole.workflows)
        // Tasks come in no particular order; as multisets they are the same.
        func counted(_ tasks: [ReportInput.TaskObservation]) -> [ReportInput.TaskObservation: Int] {
            Dictionary(tasks.map { ($0, 1) }, uniquingKeysWith: +)
        }
        #expect(whole.tasks.count > 2_000)
        #expect(counted(chunked.tasks) == counted(whole.tasks))
        #expect(chunked.openWorkflows == whole.openWorkflows)
        #expect(chunked.friction == whole.friction)
        #expect(chunked.readiness == whole.readiness)
        #expect(ValueReportBuilder().build(chunked) == ValueReportBuilder().build(whole))
    }

    @Test(
        "the 95% speedup intervals cover the true speedup for at least 90% of 20 seeds",
        .enabled(
            if: ProcessInfo.processInfo.environment["BATON_SLOW_TESTS"] == "1",
            "slow (20 simulated SOCs): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func coverage() throws {
        let scenario = try Self.scenario(workflows: 1_500)
        var covered: [String: Int] = [:]
        var options = ReportOptions()
        options.resamples = 1_000
        for seed in 1...20 {
            let sim = SOCSimulator(scenario: scenario, seed: UInt64(seed) * 7_919)
            let report = ValueReportBuilder(options: options).build(sim.reportInput())
            for a in scenario.assistants {
                guard let e = report.assistants.first(where: { $0.name == a.name })?.taskSpeedups.first?.speedup,
                    let low = e.low, let high = e.high
                else { continue }
                if low <= a.speedup && a.speedup <= high { covered[a.name, default: 0] += 1 }
            }
        }
        print("speedup interval coverage over 20 seeds: \(covered.sorted { $0.key < $1.key })")
        for a in scenario.assistants {
            #expect((covered[a.name] ?? 0) >= 18, "\(a.name): covered in \(covered[a.name] ?? 0) of 20 seeds")
        }
    }
}
