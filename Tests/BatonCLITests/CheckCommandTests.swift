import ArgumentParser
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton check against PostgreSQL")
struct CheckCommandTests {
    static let records: [Record] = [
        Fixtures.workflow("WF-1", closed: 100),
        Fixtures.task("a", workflow: "WF-1", start: 2, end: 5, tool: "siem"),
        Fixtures.task("b", workflow: "WF-1", start: 45, end: 50, tool: "edr", contextFrom: "a"),
        Fixtures.task("c", workflow: "WF-1", start: 60, end: nil, tool: "siem", aiMode: .assisted),
        // A workflow whose record has not arrived, and one with no tasks.
        Fixtures.task("d", workflow: "WF-2", start: 0, end: 3),
        Fixtures.workflow("WF-3", closed: 10),
    ]

    static func check(_ endpoint: DatabaseEndpoint) async throws -> ConsistencyReport {
        try await TestDatabase.withClient(endpoint) { client in
            try await PostgresStorage(client: client, migrations: try Migration.bundled()).maintenance
                .checkDerivedData(tenant: "soc-1", pageSize: 2, logger: TestDatabase.logger)
        }
    }

    static func corrupt(_ endpoint: DatabaseEndpoint, _ statement: PostgresQuery) async throws {
        try await TestDatabase.withClient(endpoint) { client in
            try await client.query(statement, logger: TestDatabase.logger)
        }
    }

    @Test("ingested data is consistent; a corrupted handoff or figure is found and named; the command exits 1")
    func detectsCorruption() async throws {
        try await withFreshDatabase { endpoint in
            let ingested = try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                try await storage.tenants.ensureTenant("soc-1", deliveryModel: nil, logger: TestDatabase.logger)
                return try await storage.ingest.ingest(Self.records, tenant: "soc-1", logger: TestDatabase.logger)
            }
            #expect(ingested.accepted == Self.records.count)
            let common = ["--database-url", endpoint.url, "--log-level", "error", "--tenant", "soc-1"]

            var report = try await Self.check(endpoint)
            #expect(report.isConsistent)
            #expect(report.workflows == 3)
            #expect(report.tasks == 4)
            #expect(report.storedHandoffs == 4)
            #expect(report.derivedHandoffs == 4)
            #expect(report.differences.isEmpty)
            let consistent = try CheckCommand.parseAsRoot(common)
            try await (consistent as! CheckCommand).run()

            try await Self.corrupt(
                endpoint,
                "UPDATE handoffs SET wait_us = wait_us + 1 WHERE tenant_id = 'soc-1' AND to_task_id = 'b'")
            report = try await Self.check(endpoint)
            #expect(!report.isConsistent)
            #expect(report.inconsistentWorkflows == 1)
            #expect(report.differences.count == 1)
            let line = try #require(report.differences.first)
            #expect(line.hasPrefix("workflow WF-1: handoff into task b: wait_us: stored "))
            #expect(line.contains("recomputed"))
            let failing = try CheckCommand.parseAsRoot(common)
            await #expect(throws: ExitCode.failure) { try await (failing as! CheckCommand).run() }

            // A lost handoff, and a figure of another workflow: both workflows are counted.
            try await Self.corrupt(
                endpoint, "DELETE FROM handoffs WHERE tenant_id = 'soc-1' AND to_task_id = 'a'")
            try await Self.corrupt(
                endpoint,
                "UPDATE workflows SET ping_pong = NOT ping_pong WHERE tenant_id = 'soc-1' AND workflow_id = 'WF-2'")
            report = try await Self.check(endpoint)
            #expect(report.inconsistentWorkflows == 2)
            #expect(report.storedHandoffs == 3)
            #expect(report.differences.contains("workflow WF-1: handoff into task a is missing"))
            #expect(report.differences.contains { $0.hasPrefix("workflow WF-2: ping_pong: stored ") })
        }
    }
}
