import BatonCore
import BatonReports
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import Testing

@Suite("Background report builds for the overview (BackgroundReports)", .timeLimit(.minutes(5)))
struct BackgroundReportsTests {
    static let day: Int64 = 86_400_000_000
    static let period = (
        Fixtures.origin.adding(microseconds: -day), Fixtures.origin.adding(microseconds: day)
    )

    static func key(_ tenant: String, weekly: Bool = false) -> ReportCache.Key {
        var options = ReportOptions()
        options.weeklyTrends = weekly
        options.resamples = 50
        return ReportCache.Key(tenant: tenant, from: period.0, to: period.1, options: options)
    }

    /// Runs `body` while `background` runs as it does in the service group, then stops it.
    static func running(_ background: BackgroundReports, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await background.run() }
            try await body()
            group.cancelAll()
        }
    }

    @Test(
        "a queued key shares its ticket; a ticket answers only its own key, once; its report is from data as of the ask, and fills the cache"
    )
    func tickets() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            let reports = ReportService(source: storage.reports, cache: ReportCache())
            let background = BackgroundReports(reports: reports)
            try await storage.tenants.ensureTenant("t", deliveryModel: nil, logger: logger)
            _ = try await storage.ingest.ingest(ReportServiceTests.records(1...5), tenant: "t", logger: logger)
            let key = Self.key("t")
            // Asked before the service runs: both wait in the queue.
            let first = try #require(await background.ask(key, logger: logger))
            #expect(await background.ask(key, logger: logger) == first, "a queued key shares its ticket")
            let other = try #require(await background.ask(Self.key("t", weekly: true), logger: logger))
            #expect(other != first)
            #expect(try await background.outcome(first, key: key) == .pending)
            #expect(try await background.outcome(first, key: Self.key("u")) == .unknown, "another tenant's key")

            try await Self.running(background) {
                let built = try await background.outcome(first, key: key, within: .seconds(120))
                guard case .built(let report) = built else {
                    Issue.record("not built: \(built)")
                    return
                }
                #expect(report.samples.closedWorkflows == 5)
                #expect(try await background.outcome(first, key: key) == .unknown, "given once")
                let cached = try await reports.cachedReport(
                    tenant: "t", period: Self.period, options: key.options, logger: logger)
                #expect(cached?.samples.closedWorkflows == 5, "the build filled the cache")

                // New data: a new ask builds from it.
                _ = try await storage.ingest.ingest(ReportServiceTests.records(6...6), tenant: "t", logger: logger)
                let second = try #require(await background.ask(key, logger: logger))
                #expect(second != first)
                guard case .built(let newer) = try await background.outcome(second, key: key, within: .seconds(120))
                else {
                    Issue.record("the second build did not finish")
                    return
                }
                #expect(newer.samples.closedWorkflows == 6)
            }
        }
    }

    @Test("a pending ticket keeps the preview its page showed; a full queue refuses a ticket")
    func previewsAndQueueLimit() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            let reports = ReportService(source: storage.reports, cache: ReportCache())
            let background = BackgroundReports(reports: reports, queueLimit: 1)
            let ticket = try #require(await background.ask(Self.key("t"), logger: logger))
            #expect(await background.preview(ticket) == nil, "nothing kept yet")
            await background.keep(nil, for: ticket)
            #expect(await background.preview(ticket) == .some(nil), "kept: the rollups gave none")
            #expect(await background.ask(Self.key("u"), logger: logger) == nil, "the queue is full")
            #expect(await background.ask(Self.key("t"), logger: logger) == ticket, "the queued key still shares")
        }
    }

    @Test("a failed build's error reaches the page asking for its ticket, once")
    func failure() async throws {
        let logger = TestDatabase.logger
        let background = BackgroundReports(reports: ReportService(source: FailingSource(), cache: ReportCache()))
        let key = Self.key("t")
        let ticket = try #require(await background.ask(key, logger: logger))
        try await Self.running(background) {
            await #expect(throws: FailingSource.Refused.self) {
                _ = try await background.outcome(ticket, key: key, within: .seconds(60))
            }
            let after = try await background.outcome(ticket, key: key)
            #expect(after == .unknown)
        }
    }
}

/// A source whose every read fails: the failure path of a background build (a pure unit test of
/// the ticket's states; the success path above reads PostgreSQL).
struct FailingSource: ReportSourceRepository {
    struct Refused: Error {}

    func reportInput(tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger)
        async throws -> ReportInput
    { throw Refused() }
    func coordinationInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> CoordinationInput
    { throw Refused() }
    func reportPreview(tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger)
        async throws -> ReportPreview?
    { throw Refused() }
    func dataVersion(tenant: String, logger: Logger) async throws -> String { throw Refused() }
    func dataSpan(tenant: String, logger: Logger) async throws -> (Timestamp, Timestamp)? { throw Refused() }
    func workflow(id: String, tenant: String, logger: Logger) async throws -> WorkflowTimeline? { throw Refused() }
    func surveyContext(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws -> SurveyContext {
        throw Refused()
    }
}
