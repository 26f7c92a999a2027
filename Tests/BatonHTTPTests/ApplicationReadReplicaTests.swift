import BatonCore
import BatonHTTP
import BatonStore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

@Suite("buildApplication with a read replica (--read-database-url), against a real standby")
struct ApplicationReadReplicaTests {
    static let records = [
        Fixtures.workflow("WF-1", closed: 300), Fixtures.task("t1", workflow: "WF-1", start: 1, end: 10, tool: "siem"),
        Fixtures.task("t2", workflow: "WF-1", start: 40, end: 50, tool: "edr", aiMode: .assisted),
    ].map(\.ndjsonLine).joined(separator: "\n")

    /// `/readyz`'s replica state, polled until it is `state` (the monitor checks every 100 ms).
    static func replicaState(_ client: any TestClientProtocol, until state: String) async throws -> [String: Any] {
        var replica: [String: Any] = [:]
        for _ in 0..<600 {
            let response = try await client.send(.get, "/readyz", token: nil)
            #expect(response.status == .ok)
            replica = try response.json()["replica"] as? [String: Any] ?? [:]
            if replica["state"] as? String == state { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return replica
    }

    @Test(
        "pages, reports and exports read the standby and writes reach the primary; /readyz and /metrics carry the lag; reads fall back when the standby stops"
    )
    func readsOnStandby() async throws {
        try await withReplicaPair { pair in
            let (ingest, analyst) = try await TestDatabase.withClient(pair.primary) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                try await storage.maintenance.migrate(logger: TestDatabase.logger)
                let logger = TestDatabase.logger
                return (
                    try await storage.tokens.createToken(tenant: "soc-a", role: .ingest, label: nil, logger: logger)
                        .secret,
                    try await storage.tokens.createToken(tenant: "soc-a", role: .analyst, label: nil, logger: logger)
                        .secret
                )
            }
            var configuration = ServiceConfiguration()
            configuration.databaseWait = .seconds(60)
            configuration.replicaCheckInterval = .milliseconds(100)
            configuration.statisticsInterval = nil
            configuration.maintenanceInterval = nil
            let logs = CapturedLogs()
            let app = try buildApplication(
                configuration: configuration, database: pair.primary, readDatabase: pair.standby,
                logger: logs.logger)
            try await app.test(.router) { client in
                var response = try await client.send(
                    .post, "/v1/events", token: ingest, contentType: "application/x-ndjson", body: Self.records)
                #expect(response.status == .ok)
                // Reads see the batch once the standby replayed it (the lag is within 30 s at once).
                try await TestDatabase.withClient(pair.primary) { primary in
                    try await TestDatabase.withClient(pair.standby) { standby in
                        try await pair.waitForReplay(primary: primary, standby: standby)
                    }
                }
                var replica = try await Self.replicaState(client, until: "in_use")
                #expect(replica["state"] as? String == "in_use")
                #expect((replica["lag_seconds"] as? Double).map { $0 >= 0 && $0 <= 30 } == true)
                var metrics = String(buffer: try await client.send(.get, "/metrics", token: nil).body)
                #expect(metrics.contains("baton_replica_in_use 1"))
                #expect(metrics.contains("baton_replica_lag_seconds "))
                #expect(!metrics.lowercased().contains("baton_replica_lag_seconds nan"))

                // Every read path on the standby, which refuses any write.
                response = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-03-31", token: analyst)
                #expect(response.status == .ok)
                let samples = try response.json()["samples"] as? [String: Any]
                #expect(samples?["closed_workflows"] as? Int == 1)
                for uri in [
                    "/v1/coordination?from=2026-03-01&to=2026-03-31", "/v1/workflows/WF-1", "/v1/handoffs",
                    "/v1/export/survey.csv?from=2026-03-01&to=2026-03-31",
                ] {
                    let answer = try await client.send(.get, uri, token: analyst)
                    #expect(answer.status == .ok, "\(uri): \(String(buffer: answer.body))")
                }
                var browser = try await client.signIn(analyst)
                for uri in ["/", "/report", "/handoffs", "/workflows/WF-1"] {
                    #expect(try await client.page(.get, uri, &browser).status == .ok, "\(uri)")
                }
                // A tag is a write: on the primary, while the queue's pages read the standby.
                response = try await client.send(
                    .post, "/v1/handoffs/t2/tags", token: analyst, body: #"{"reason": "queue-wait"}"#)
                #expect(response.status == .ok || response.status == .created)

                // The standby stops: reads go to the primary and still answer.
                try pair.stopStandby()
                replica = try await Self.replicaState(client, until: "down")
                #expect(replica["state"] as? String == "down")
                #expect(replica["lag_seconds"] == nil)
                metrics = String(buffer: try await client.send(.get, "/metrics", token: nil).body)
                #expect(metrics.contains("baton_replica_in_use 0"))
                // NaN, which Prometheus's parser reads in any case, while the lag is unknown.
                #expect(metrics.lowercased().contains("baton_replica_lag_seconds nan"))
                response = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-03-31", token: analyst)
                #expect(response.status == .ok)
                let page = try await client.send(.get, "/v1/handoffs", token: analyst)
                #expect(String(buffer: page.body).contains("queue-wait"))
            }
            let lines = logs.all
            // One line for the change to down, however many checks (every 100 ms) found it down.
            let changes = lines.filter { $0.contains("baton.replica.state=") }
            let sinceInUse =
                changes.split(omittingEmptySubsequences: false, whereSeparator: { $0.contains("read replica in use") })
                .last ?? []
            #expect(changes.contains { $0.contains("read replica in use") })
            #expect(sinceInUse.count == 1)
            #expect(sinceInUse.first?.contains("read replica not in use") == true)
            #expect(sinceInUse.first?.contains("baton.replica.state=down") == true)
            let password = try #require(pair.standby.password)
            #expect(!lines.contains { $0.contains(password) })
        }
    }
}
