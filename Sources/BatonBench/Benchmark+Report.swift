import BatonCore
import BatonSimulation
import BatonStore
import Foundation
import Logging

extension Benchmark {
    /// Parts (b) and (c): the archive grows by quarters of simulated history up to each size in
    /// turn; at each size the value report over the latest quarter runs `runs` times (after one
    /// unmeasured run). At the smallest size, the two exports run too. The reported period holds
    /// the same records at every size, so any growth in its cost comes from the archive.
    func measureReports(storage: PostgresStorage, endpoint: DatabaseEndpoint) async throws -> (
        BenchResult.Report, BenchResult.Export
    ) {
        let tenant = Self.reportTenant
        let workload = try BenchWorkload(tenant: tenant, tasksPerQuarter: sizes[0], seed: seed)
        try await storage.tenants.ensureTenant(tenant, deliveryModel: .mssp, logger: logger)
        for a in workload.scenario.assistants {
            _ = try await storage.tenants.putAssistant(
                AssistantMetadata(
                    name: a.name, tool: a.tool, category: a.category, archetype: a.archetype,
                    rolloutAt: workload.periodStart.adding(microseconds: Int64(a.rolloutDay * 86_400) * 1_000_000)),
                tenant: tenant, logger: logger)
        }
        let (from, to) = (workload.periodStart, workload.periodEnd)
        let clock = ContinuousClock()
        var quarters = 0
        var totals = (workflows: 0, tasks: 0)
        var tasksInPeriod = 0
        var measured: [BenchResult.ReportSize] = []
        var export: BenchResult.Export?
        for size in sizes {
            let wanted = max(1, Int((Double(size) / Double(sizes[0])).rounded()))
            let started = clock.now
            while quarters < wanted {
                let workflows = workload.quarter(quarters)
                let tasks = workflows.reduce(0) { $0 + $1.tasks.count }
                if quarters == 0 { tasksInPeriod = tasks }
                note("report: loading quarter \(quarters + 1) of \(wanted) (\(tasks) tasks)")
                try await load(workflows, tenant: tenant, storage: storage)
                totals.workflows += workflows.count
                totals.tasks += tasks
                quarters += 1
            }
            try await storage.maintenance.analyzeAfterBulkLoad(logger: logger)
            let loadSeconds = Self.seconds(clock.now - started)
            // The report reads rollups only for months no write has touched since their last pass.
            let passStarted = clock.now
            _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            let rollupSeconds = Self.seconds(clock.now - passStarted)

            note("report: \(runs) runs at \(totals.tasks) tasks")
            var milliseconds: [Double] = []
            for run in 0...runs {
                let began = clock.now
                let input = try await storage.reports.reportInput(tenant: tenant, from: from, to: to, logger: logger)
                let report = ValueReportBuilder(options: ReportOptions()).build(input)
                guard report.samples.closedWorkflows > 0 else {
                    throw BenchError("the report found no closed workflows")
                }
                // The first run warms caches and is not counted.
                if run > 0 { milliseconds.append(Self.seconds(clock.now - began) * 1_000) }
            }
            note("report: first web overview of \(Self.overviewPeriods) new periods at \(totals.tasks) tasks")
            let overview = try await measureOverview(storage: storage, endpoint: endpoint, from: from, to: to)
            measured.append(
                BenchResult.ReportSize(
                    tasks: totals.tasks, workflows: totals.workflows, tasksInPeriod: tasksInPeriod,
                    loadSeconds: loadSeconds, rollupSeconds: rollupSeconds, runs: runs,
                    p50Milliseconds: Self.quantile(milliseconds, 0.5),
                    p95Milliseconds: Self.quantile(milliseconds, 0.95), minMilliseconds: milliseconds.min() ?? .nan,
                    maxMilliseconds: milliseconds.max() ?? .nan, overview: overview))
            // Each size's figures as soon as they exist: a long run stopped early still says something.
            note(
                "report at \(totals.tasks) tasks: p50 \(measured.last!.p50Milliseconds) ms, p95 \(measured.last!.p95Milliseconds) ms, loaded in \(loadSeconds) s, rolled up in \(rollupSeconds) s"
            )
            if export == nil {
                export = try measureExports(
                    endpoint: endpoint, tenant: tenant, from: from, to: to, tasks: totals.tasks)
            }
        }
        let report = BenchResult.Report(
            tenant: tenant, from: from.rfc3339, to: to.rfc3339, sizes: measured,
            ratioP50: measured.last!.p50Milliseconds / measured[0].p50Milliseconds)
        return (report, export!)
    }

    /// Stores workflows through the collector's storage code (in batches, as `baton simulate`
    /// does), split over `loadClients` concurrent loaders that touch disjoint workflows.
    func load(_ workflows: [SimulatedWorkflow], tenant: String, storage: PostgresStorage) async throws {
        let loaders = loadClients
        let logger = self.logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            for l in 0..<loaders {
                let records = stride(from: l, to: workflows.count, by: loaders).flatMap { workflows[$0].records }
                group.addTask {
                    _ = try await storage.ingest.ingest(records, tenant: tenant, batchSize: 5_000, logger: logger)
                }
            }
            try await group.waitForAll()
        }
    }
}
