import BatonCore
import BatonReports
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@Suite("Report service: period defaults, the data-fingerprint cache, the survey CSV", .timeLimit(.minutes(5)))
struct ReportServiceTests {
    static let day: Int64 = 86_400_000_000

    /// Closed workflows opened on 2026-03-02 (the fixtures' origin), plus `extra`.
    static func records(_ ids: ClosedRange<Int>) -> [Record] {
        ids.flatMap { i in
            [
                Fixtures.workflow("W\(i)", opened: Double(i), closed: Double(i) + 60),
                Fixtures.task("T\(i)", workflow: "W\(i)", start: Double(i) + 1, end: Double(i) + 30),
            ]
        }
    }

    @Test("without `to`: the API's rule ends now; the pages' and commands' rule ends at midnight after the latest case")
    func periodDefaults() async throws {
        try await withFreshStorage { storage in
            let service = ReportService(source: storage.reports)
            let logger = TestDatabase.logger
            try await storage.tenants.ensureTenant("t", deliveryModel: nil, logger: logger)
            // No data: both rules end now (to the second).
            let empty = try await service.period(from: nil, to: nil, tenant: "t", logger: logger)
            #expect(abs(empty.1.microseconds - Timestamp.now.microseconds) < 5_000_000)
            _ = try await storage.ingest.ingest(Self.records(1...5), tenant: "t", logger: logger)
            let latest = try await service.period(from: nil, to: nil, tenant: "t", logger: logger)
            let midnight = Timestamp(rfc3339: "2026-03-03T00:00:00Z")!
            #expect(latest.1 == midnight)
            #expect(latest.0 == midnight.adding(microseconds: -90 * Self.day))
            // The routes' rule: no default end, so now.
            let now = try ReportPeriod.resolve(from: nil, to: nil)
            #expect(abs(now.1.microseconds - Timestamp.now.microseconds) < 5_000_000)
            // A given `from` is kept; a given `to` wins over either rule.
            let from = try await service.period(from: "2026-03-01", to: nil, tenant: "t", logger: logger)
            #expect(from == (Timestamp(rfc3339: "2026-03-01T00:00:00Z")!, midnight))
            let explicit = try await service.period(from: "2026-01-01", to: "2026-02-01", tenant: "t", logger: logger)
            #expect(explicit.1 == Timestamp(rfc3339: "2026-02-01T00:00:00Z")!)
            await #expect(throws: ReportPeriod.InvalidPeriod.self) {
                _ = try await service.period(from: "2026-04-01", to: nil, tenant: "t", logger: logger)
            }
        }
    }

    @Test("a cached report is reused while the data is unchanged and rebuilt after any new record")
    func cache() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            let cache = ReportCache()
            let service = ReportService(source: storage.reports, cache: cache)
            try await storage.tenants.ensureTenant("t", deliveryModel: nil, logger: logger)
            _ = try await storage.ingest.ingest(Self.records(1...5), tenant: "t", logger: logger)
            let period = (
                Fixtures.origin.adding(microseconds: -Self.day), Fixtures.origin.adding(microseconds: Self.day)
            )
            let first = try await service.report(tenant: "t", period: period, logger: logger)
            #expect(first.samples.closedWorkflows == 5)
            let key = ReportCache.Key(tenant: "t", from: period.0, to: period.1, options: ReportOptions())
            let version = try await storage.reports.dataVersion(tenant: "t", logger: logger)
            #expect(await cache.report(key, version: version) != nil)
            _ = try await storage.ingest.ingest(Self.records(6...6), tenant: "t", logger: logger)
            #expect(
                await cache.report(key, version: try await storage.reports.dataVersion(tenant: "t", logger: logger))
                    == nil)
            let second = try await service.report(tenant: "t", period: period, logger: logger)
            #expect(second.samples.closedWorkflows == 6)
            // The survey CSV is that report: its SOC row counts the same tasks.
            let csv = try await service.surveyCSV(tenant: "t", period: period, anonymize: false, logger: logger)
            let rows = try CSVReader.records(csv)
            let column = try #require(rows.first?.firstIndex(of: "tasks_observed"), "\(rows.first ?? [])")
            #expect(rows.count >= 2 && rows[1][column] == "6")
        }
    }

    @Test(
        "the fingerprint, which reads no workflow or task, changes with every change to the records (a new case, an edited task of the same count, a tag) and with every pass that removes marks or rows (the rollup pass, retirement, emptying the tenant), and with nothing else"
    )
    func fingerprintFollowsRecords() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            typealias F = Fixtures
            try await storage.tenants.ensureTenant("t", deliveryModel: nil, logger: logger)
            func version() async throws -> String { try await storage.reports.dataVersion(tenant: "t", logger: logger) }
            var seen = [try await version()]
            /// Records the version after a change; it must differ from every earlier one.
            func changed(_ what: String) async throws {
                let now = try await version()
                #expect(!seen.contains(now), "\(what): version \(now) seen before in \(seen)")
                seen.append(now)
            }
            func unchanged(_ what: String) async throws {
                #expect(try await version() == seen.last, "\(what)")
            }
            let twoTasks = [
                F.workflow("W", opened: 0, closed: 100), F.task("a", workflow: "W", start: 0, end: 5),
                F.task("b", workflow: "W", start: 10, end: 20, tool: "edr"),
            ]
            _ = try await storage.ingest.ingest(twoTasks, tenant: "t", logger: logger)
            try await changed("a new case")
            _ = try await storage.ingest.ingest(twoTasks, tenant: "t", logger: logger)
            try await unchanged("the same records again")
            let passed = try await storage.maintenance.maintain(now: F.at(60), retentionMonths: nil, logger: logger)
            #expect(passed.monthsRolledUp.count == 1)
            try await changed("the rollup pass took the marks")
            _ = try await storage.maintenance.maintain(now: F.at(60), retentionMonths: nil, logger: logger)
            try await unchanged("a pass with nothing to do")
            // As many rows as before, one ended later: the old fingerprint's counts would not see it
            // without its updated_at; this one sees the mark.
            _ = try await storage.ingest.ingest(
                [F.task("b", workflow: "W", start: 10, end: 25, tool: "edr")], tenant: "t", logger: logger)
            try await changed("an edited task")
            _ = try await storage.maintenance.maintain(now: F.at(60), retentionMonths: nil, logger: logger)
            try await changed("the second rollup pass")
            _ = try await storage.handoffs.tagHandoff(
                id: "b", reason: .toolSwitch, note: nil, tenant: "t", by: nil, logger: logger)
            try await changed("a tag")
            // Retirement of the month (13 months on, 12 kept) drops its rows and marks.
            let retiring = try await storage.maintenance.maintain(
                now: F.at(60 * 24 * 400), retentionMonths: 12, logger: logger)
            #expect(retiring.monthsRetired.count == 1)
            try await changed("retirement")
            _ = try await storage.ingest.ingest(Self.records(1...2), tenant: "t", logger: logger)
            try await changed("a late case in the retired month")
            try await storage.tenants.deleteTenantData(tenant: "t", logger: logger)
            try await changed("an emptied tenant")
            // Another tenant's records leave this one's fingerprint as it is.
            try await storage.tenants.ensureTenant("u", deliveryModel: nil, logger: logger)
            _ = try await storage.ingest.ingest(twoTasks, tenant: "u", logger: logger)
            _ = try await storage.maintenance.maintain(now: F.at(60 * 24 * 400), retentionMonths: 12, logger: logger)
            try await unchanged("another tenant's records and pass")
        }
    }

    @Test("a cached report is rebuilt after an experiment starts, after an assignment, and after a stop")
    func cacheSeesExperiments() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            try await storage.tenants.ensureTenant("t", deliveryModel: nil, logger: logger)
            _ = try await storage.ingest.ingest(Self.records(1...3), tenant: "t", logger: logger)
            var versions = [try await storage.reports.dataVersion(tenant: "t", logger: logger)]
            _ = try await storage.experiments.putExperiment(
                name: "e", settings: ExperimentSettings(assistant: "siem-copilot", holdoutShare: 0.2), tenant: "t",
                logger: logger)
            versions.append(try await storage.reports.dataVersion(tenant: "t", logger: logger))
            _ = try await storage.experiments.assign(
                [AssignmentRequest(workflowID: "W1", assistant: "siem-copilot")], tenant: "t", logger: logger)
            versions.append(try await storage.reports.dataVersion(tenant: "t", logger: logger))
            // Asking again records nothing: the version stays.
            _ = try await storage.experiments.assign(
                [AssignmentRequest(workflowID: "W1", assistant: "siem-copilot")], tenant: "t", logger: logger)
            #expect(try await storage.reports.dataVersion(tenant: "t", logger: logger) == versions.last)
            _ = try await storage.experiments.stopExperiment(named: "e", tenant: "t", logger: logger)
            versions.append(try await storage.reports.dataVersion(tenant: "t", logger: logger))
            #expect(Set(versions).count == 4, "\(versions)")
        }
    }

    @Test("compared with the period before: both periods' own reports, side by side, and the cache serves each")
    func comparePrevious() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            let service = ReportService(source: storage.reports, cache: ReportCache())
            try await storage.tenants.ensureTenant("t", deliveryModel: nil, logger: logger)
            // Cases 1–5 open on the fixtures' first day; the period is the next day, the previous the first.
            _ = try await storage.ingest.ingest(Self.records(1...5), tenant: "t", logger: logger)
            let period = (Fixtures.origin, Fixtures.origin.adding(microseconds: Self.day))
            let before = (Fixtures.origin.adding(microseconds: -Self.day), Fixtures.origin)
            let compared = try await service.report(tenant: "t", period: period, comparePrevious: true, logger: logger)
            let comparison = try #require(compared.comparison)
            #expect(comparison.previous == ValueReport.Period(from: before.0.rfc3339, to: before.1.rfc3339))
            let current = try await service.report(tenant: "t", period: period, logger: logger)
            let previous = try await service.report(tenant: "t", period: before, logger: logger)
            #expect(current.comparison == nil)
            #expect(comparison == PeriodComparison(current: current, previous: previous))
            #expect(comparison.previousClosedWorkflows == previous.samples.closedWorkflows)
        }
    }
}
