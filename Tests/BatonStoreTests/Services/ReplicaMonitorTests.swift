import BatonCore
import BatonReports
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Read replica: routing by the monitor's lag, against a real standby")
struct ReplicaMonitorTests {
    typealias F = Fixtures
    let logger = TestDatabase.logger

    /// Checks until the monitor reports `state` (background WAL on the primary, such as
    /// autovacuum's, can leave the standby a moment behind at one check).
    static func check(_ monitor: ReplicaMonitor, until state: ReplicaStatus.State) async throws -> ReplicaStatus {
        var status = await monitor.check()
        for _ in 0..<300 where status.state != state {
            try await Task.sleep(for: .milliseconds(100))
            status = await monitor.check()
        }
        return status
    }

    static func report(_ source: any ReportSourceRepository, tenant: String) async throws -> ValueReport {
        try await ReportService(source: source).report(
            tenant: tenant, period: (F.at(-60), F.at(6000)), logger: TestDatabase.logger)
    }

    @Test(
        "reads go to the standby while it is current, to the primary while it is down or lags past the limit, and back; one log line per change"
    )
    func routing() async throws {
        try await withReplicaPair { pair in
            try await TestDatabase.withClient(pair.primary) { primaryClient in
                try await TestDatabase.withClient(pair.standby) { standbyClient in
                    try await routing(pair: pair, primaryClient: primaryClient, standbyClient: standbyClient)
                }
            }
        }
    }

    func routing(pair: ReplicaPair, primaryClient: PostgresClient, standbyClient: PostgresClient) async throws {
        let migrations = try Migration.bundled()
        var storage = PostgresStorage(client: primaryClient, migrations: migrations)
        try await storage.maintenance.migrate(logger: logger)
        var replica = PostgresDatabase(client: standbyClient, migrations: migrations)
        replica.isReplica = true
        replica.leaseLimit = .seconds(2)
        let routing = ReadRouting(primary: storage.database, replica: replica)
        storage.readRouting = routing
        let logs = CapturedLogs()
        // No lag allowed: the standby is used only while it has replayed all the primary wrote.
        let monitor = ReplicaMonitor(
            routing: routing, interval: .seconds(3600), maxLag: .zero, checkLimit: .seconds(2), logger: logs.logger)
        let routed = storage.repositories.reports
        let tenant = "soc-a"
        _ = try await storage.tokens.createToken(tenant: tenant, role: .ingest, label: nil, logger: logger)
        _ = try await storage.ingest.ingest(
            [
                F.workflow("W-1", opened: 0, closed: 100), F.task("a", workflow: "W-1", start: 5, end: 10),
                F.task("b", workflow: "W-1", start: 20, end: 30, tool: "edr", aiMode: .assisted),
            ], tenant: tenant, logger: logger)
        #expect(routing.state.status.state == .starting)
        #expect(routing.reads.client === primaryClient)

        // Caught up: the report read on the standby (its statements one after another, no
        // exported snapshot) equals the primary's.
        try await pair.waitForReplay(primary: primaryClient, standby: standbyClient)
        var status = try await Self.check(monitor, until: .inUse)
        // Lag 0 although the last replayed transaction has aged past the limit of 0 s: the
        // standby has replayed up to the primary's position, so nothing is missing.
        let replayAge = try await standbyClient.query(
            "SELECT EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8"
        ).collectValues(Double.self)
        #expect(replayAge.first.map { $0 > 0 } == true)
        #expect(status == ReplicaStatus(state: .inUse, lagSeconds: 0))
        #expect(routing.reads.client === standbyClient)
        let inRecovery = try await standbyClient.query("SELECT pg_is_in_recovery()").collectValues(Bool.self)
        #expect(inRecovery == [true])
        let first = try await Self.report(routed, tenant: tenant)
        #expect(first == (try await Self.report(storage.reports, tenant: tenant)))
        #expect(first.samples.closedWorkflows == 1)

        // Replay paused, a write on the primary: until the next check the routed report is the
        // standby's (the old one); the check finds it behind and reads go to the primary.
        _ = try await standbyClient.query("SELECT pg_wal_replay_pause()").collect()
        _ = try await storage.ingest.ingest(
            [F.workflow("W-2", opened: 200, closed: 300), F.task("c", workflow: "W-2", start: 205, end: 210)],
            tenant: tenant, logger: logger)
        let primaryReport = try await Self.report(storage.reports, tenant: tenant)
        #expect(primaryReport.samples.closedWorkflows == 2)
        #expect(try await Self.report(routed, tenant: tenant) == first)
        status = await monitor.check()
        #expect(status.state == .lagging)
        #expect((status.lagSeconds ?? 0) > 0)
        #expect(routing.reads.client === primaryClient)
        #expect(try await Self.report(routed, tenant: tenant) == primaryReport)
        #expect(logs.all.filter { $0.contains("baton.replica.state=lagging") }.count == 1)
        #expect(
            logs.all.contains { $0.contains("read replica not in use") && $0.contains("baton.replica.lag_seconds=") })

        // Replay resumed: back on the standby, which now has the write.
        _ = try await standbyClient.query("SELECT pg_wal_replay_resume()").collect()
        try await pair.waitForReplay(primary: primaryClient, standby: standbyClient)
        status = try await Self.check(monitor, until: .inUse)
        #expect(status.state == .inUse)
        #expect(routing.reads.client === standbyClient)
        #expect(try await Self.report(routed, tenant: tenant) == primaryReport)

        // Standby down: the check gives up in time, reads go to the primary, one line however
        // many checks find it down.
        try pair.stopStandby()
        // Until the next check the state still says in use: a read that finds the standby gone
        // is answered from the primary.
        #expect(routing.state.status.state == .inUse)
        #expect(try await Self.report(routed, tenant: tenant) == primaryReport)
        status = await monitor.check()
        _ = await monitor.check()
        #expect(status == ReplicaStatus(state: .down))
        #expect(routing.reads.client === primaryClient)
        #expect(try await Self.report(routed, tenant: tenant) == primaryReport)
        #expect(logs.all.filter { $0.contains("baton.replica.state=down") }.count == 1)

        // Back up: reads return to it once its pool reconnects.
        try pair.startStandby()
        status = try await Self.check(monitor, until: .inUse)
        #expect(status.state == .inUse)
        #expect(routing.reads.client === standbyClient)
        #expect(try await Self.report(routed, tenant: tenant) == primaryReport)
        #expect(logs.all.filter { $0.contains("read replica in use") }.count == 3)
        // The URL's password never reaches a log line.
        let password = try #require(pair.primary.password)
        #expect(!logs.all.contains { $0.contains(password) })
    }
}
