import ArgumentParser
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton handoffs and baton tag against PostgreSQL")
struct HandoffCommandsTests {
    @Test("tag from the terminal, then the untagged listing no longer has it; bad input is a usage error")
    func tagFromTerminal() async throws {
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                try await storage.tenants.ensureTenant("soc-1", deliveryModel: nil, logger: TestDatabase.logger)
                _ = try await storage.ingest.ingest(
                    [
                        Fixtures.workflow("WF-1", closed: 100),
                        Fixtures.task("a", workflow: "WF-1", start: 0, end: 5, tool: "siem"),
                        Fixtures.task("b", workflow: "WF-1", start: 45, end: 50, tool: "edr"),
                    ], tenant: "soc-1", logger: TestDatabase.logger)
            }
            let common = ["--database-url", endpoint.url, "--log-level", "error"]
            let tag = try TagCommand.parseAsRoot(["b", "--reason", "tool-switch", "--note", "re-keyed"] + common)
            try await (tag as! TagCommand).run()

            let rows = try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                return try await storage.handoffs.handoffs(
                    matching: HandoffFilter(untagged: true), tenant: "soc-1", logger: TestDatabase.logger)
            }
            #expect(rows.handoffs.isEmpty)
            let all = try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                return try await storage.handoffs.handoffs(
                    matching: HandoffFilter(), tenant: "soc-1", logger: TestDatabase.logger)
            }
            #expect(all.handoffs.map(\.id) == ["b"])
            #expect(all.handoffs.first?.tag?.reason == .toolSwitch)
            #expect(all.handoffs.first?.tag?.note == "re-keyed")
            #expect(all.handoffs.first?.tag?.taggedBy?.hasPrefix("cli:") == true)

            // Unknown handoff: a runtime failure naming it; unknown reason and bad filters: usage errors.
            let missing = try TagCommand.parseAsRoot(["zzz", "--reason", "other"] + common)
            await #expect(throws: CLIError.self) { try await (missing as! TagCommand).run() }
            #expect(throws: (any Error).self) { try TagCommand.parseAsRoot(["b", "--reason", "vibes"] + common) }
            #expect(throws: (any Error).self) { try HandoffsCommand.parseAsRoot(["--min-wait", "soon"] + common) }
            let listing = try HandoffsCommand.parseAsRoot(["--untagged", "--min-wait", "10m"] + common)
            try await (listing as! HandoffsCommand).run()
        }
    }
}
