import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Experiments on PostgreSQL: start, stop, one per assistant, recorded assignments")
struct PostgresExperimentRepositoryTests {
    let logger = TestDatabase.logger
    static let copilot = ExperimentSettings(assistant: "siem-copilot", holdoutShare: 0.2, plannedSample: 100)

    static func ask(_ ids: [String], assistant: String = "siem-copilot") -> [AssignmentRequest] {
        ids.map { AssignmentRequest(workflowID: $0, assistant: assistant) }
    }

    @Test("the first ask is recorded; later asks return the same arm and time and change nothing")
    func firstAskRecorded() async throws {
        try await withFreshStorage { storage in
            let repo = storage.experiments
            let (status, created) = try await repo.putExperiment(
                name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            #expect(created && status.running && status.assigned == 0)
            let first = try await repo.assign(Self.ask(["INC-1"]), tenant: "soc-a", logger: logger)
            #expect(first.count == 1 && first[0].experiment == "e1" && first[0].assignedAt != nil)
            try await Task.sleep(for: .milliseconds(20))
            let again = try await repo.assign(Self.ask(["INC-1"]), tenant: "soc-a", logger: logger)
            #expect(again == first)
            let stored = try await storage.database.client.query(
                "SELECT count(*)::int8 FROM experiment_assignments", logger: logger
            ).collectValues(Int64.self).first
            #expect(stored == 1)
            let shown = try await repo.experiment(named: "e1", tenant: "soc-a", logger: logger)
            #expect(shown.assigned == 1)
            #expect(shown.progress == 0.01)
        }
    }

    @Test("the same 1,000 arms after a restart (a new pool and a cold secret cache on the same database)")
    func sameAfterRestart() async throws {
        try await withFreshDatabase { endpoint in
            let ids = (1...1_000).map { String(format: "case-%06d", $0) }
            func run(_ ids: [String]) async throws -> [ArmAssignment] {
                try await TestDatabase.withClient(endpoint) { client in
                    let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                    _ = try await storage.experiments.putExperiment(
                        name: "e1", settings: Self.copilot, tenant: "soc-a", logger: TestDatabase.logger)
                    return try await storage.experiments.assign(
                        Self.ask(ids), tenant: "soc-a", logger: TestDatabase.logger)
                }
            }
            // The second process asks first about half of the cases it has never recorded.
            let first = try await run(Array(ids.prefix(500)))
            let second = try await run(ids)
            #expect(Array(second.prefix(500)) == first)
            let third = try await run(ids.reversed())
            #expect(third.reversed() == second)
            let held = second.filter { $0.arm == .holdout }.count
            #expect((140...260).contains(held), "\(held) of 1,000 held out at 0.2")
        }
    }

    @Test("another replica's stop and start reach a replica that cached the running experiment")
    func replicasAgree() async throws {
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { one in
                try await TestDatabase.withClient(endpoint) { two in
                    let logger = TestDatabase.logger
                    let first = PostgresStorage(client: one, migrations: try Migration.bundled()).experiments
                    let second = PostgresStorage(client: two, migrations: try Migration.bundled()).experiments
                    _ = try await second.putExperiment(
                        name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
                    #expect(
                        try await first.assign(Self.ask(["INC-1"]), tenant: "soc-a", logger: logger)[0].experiment
                            == "e1")
                    _ = try await second.stopExperiment(named: "e1", tenant: "soc-a", logger: logger)
                    _ = try await second.putExperiment(
                        name: "e2", settings: Self.copilot, tenant: "soc-a", logger: logger)
                    let moved = try await first.assign(Self.ask(["INC-1", "INC-2"]), tenant: "soc-a", logger: logger)
                    #expect(moved.map(\.experiment) == ["e2", "e2"])
                    _ = try await second.stopExperiment(named: "e2", tenant: "soc-a", logger: logger)
                    let none = try await first.assign(Self.ask(["INC-3"]), tenant: "soc-a", logger: logger)
                    #expect(none[0].experiment == nil && none[0].arm == .use)
                    let counts = try await second.experiments(tenant: "soc-a", logger: logger).map {
                        [$0.experiment.name: $0.assigned]
                    }
                    #expect(counts == [["e2": 2], ["e1": 1]] || counts == [["e1": 1], ["e2": 2]])
                }
            }
        }
    }

    @Test("a batch answers as the single asks do, in order, duplicates included; arms are the hash's")
    func batchEqualsSingles() async throws {
        try await withFreshStorage { storage in
            let repo = storage.experiments
            _ = try await repo.putExperiment(name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            let ids = (1...300).map { "INC-\($0)" }
            // Half asked one at a time first, then all in one batch with a duplicate and another assistant.
            var singles: [ArmAssignment] = []
            for id in ids.prefix(150) {
                singles += try await repo.assign(Self.ask([id]), tenant: "soc-a", logger: logger)
            }
            let batch = try await repo.assign(
                Self.ask(ids) + Self.ask(["INC-1"]) + Self.ask(["INC-2"], assistant: "edr-agent"), tenant: "soc-a",
                logger: logger)
            #expect(batch.count == 302)
            #expect(Array(batch.prefix(150)) == singles)
            #expect(batch[300] == singles[0])
            #expect(
                batch[301] == ArmAssignment.unassigned(AssignmentRequest(workflowID: "INC-2", assistant: "edr-agent")))
            for id in ids.suffix(150) {
                let single = try await repo.assign(Self.ask([id]), tenant: "soc-a", logger: logger)
                #expect(single[0] == batch[ids.firstIndex(of: id)!])
            }
            // The arms are the keyed hash of the tenant's secret (read here as the owner).
            let secret = try await storage.database.client.query(
                "SELECT assignment_secret FROM tenants WHERE tenant_id = 'soc-a'", logger: logger
            ).collectValues(ByteBuffer.self).first
            let assigner = ArmAssigner(secret: Array(try #require(secret).readableBytesView))
            for (id, answer) in zip(ids, batch) {
                #expect(answer.arm == assigner.arm(experiment: "e1", workflowID: id, holdoutShare: 0.2))
            }
            let status = try await repo.experiment(named: "e1", tenant: "soc-a", logger: logger)
            #expect(status.assigned == 300)
            #expect(status.holdoutCount == batch.prefix(300).filter { $0.arm == .holdout }.count)
            await #expect(throws: ExperimentError.self) {
                try await repo.assign(Self.ask((0...1000).map { "x\($0)" }), tenant: "soc-a", logger: logger)
            }
        }
    }

    @Test("no running experiment: use, no experiment, nothing stored; a stopped one assigns no more")
    func noExperiment() async throws {
        try await withFreshStorage { storage in
            let repo = storage.experiments
            let none = try await repo.assign(Self.ask(["INC-1", "INC-2"]), tenant: "soc-a", logger: logger)
            #expect(none.allSatisfy { $0.arm == .use && $0.experiment == nil && $0.assignedAt == nil })
            // A scheduled experiment does not assign yet.
            var later = Self.copilot
            later.startsAt = Timestamp.now.adding(microseconds: 86_400_000_000)
            _ = try await repo.putExperiment(name: "later", settings: later, tenant: "soc-a", logger: logger)
            #expect(try await repo.assign(Self.ask(["INC-1"]), tenant: "soc-a", logger: logger)[0].experiment == nil)
            _ = try await repo.stopExperiment(named: "later", tenant: "soc-a", logger: logger)

            _ = try await repo.putExperiment(name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            _ = try await repo.assign(Self.ask(["INC-1"]), tenant: "soc-a", logger: logger)
            let stopped = try await repo.stopExperiment(named: "e1", tenant: "soc-a", logger: logger)
            #expect(!stopped.running && stopped.experiment.stoppedAt != nil && stopped.assigned == 1)
            let after = try await repo.assign(Self.ask(["INC-1", "INC-3"]), tenant: "soc-a", logger: logger)
            #expect(after.allSatisfy { $0.arm == .use && $0.experiment == nil })
            let stored = try await storage.database.client.query(
                "SELECT count(*)::int8 FROM experiment_assignments", logger: logger
            ).collectValues(Int64.self).first
            #expect(stored == 1)
            await #expect(throws: ExperimentError.alreadyStopped(experiment: "e1", at: stopped.experiment.stoppedAt!)) {
                try await repo.stopExperiment(named: "e1", tenant: "soc-a", logger: logger)
            }
            await #expect(throws: ExperimentError.notFound(experiment: "nope")) {
                try await repo.stopExperiment(named: "nope", tenant: "soc-a", logger: logger)
            }
            await #expect(throws: ExperimentError.notFound(experiment: "nope")) {
                try await repo.experiment(named: "nope", tenant: "soc-a", logger: logger)
            }
        }
    }

    @Test("one open experiment per assistant; a started one keeps its assistant, share and task types")
    func conflicts() async throws {
        try await withFreshStorage { storage in
            let repo = storage.experiments
            _ = try await repo.putExperiment(name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            // Identical settings again: nothing changes.
            let (same, created) = try await repo.putExperiment(
                name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            #expect(!created && same.experiment.holdoutShare == 0.2)
            await #expect(throws: ExperimentError.assistantBusy(assistant: "siem-copilot", experiment: "e1")) {
                try await repo.putExperiment(name: "e2", settings: Self.copilot, tenant: "soc-a", logger: logger)
            }
            var changed = Self.copilot
            changed.holdoutShare = 0.3
            await #expect(throws: ExperimentError.settingLocked(experiment: "e1", field: "holdout_share")) {
                try await repo.putExperiment(name: "e1", settings: changed, tenant: "soc-a", logger: logger)
            }
            changed = Self.copilot
            changed.assistant = "edr-agent"
            await #expect(throws: ExperimentError.settingLocked(experiment: "e1", field: "assistant")) {
                try await repo.putExperiment(name: "e1", settings: changed, tenant: "soc-a", logger: logger)
            }
            // The plan may change.
            changed = Self.copilot
            changed.plannedSample = 500
            let (adjusted, _) = try await repo.putExperiment(
                name: "e1", settings: changed, tenant: "soc-a", logger: logger)
            #expect(adjusted.experiment.plannedSample == 500)
            // Another assistant, and another tenant, may run their own.
            var edr = Self.copilot
            edr.assistant = "edr-agent"
            _ = try await repo.putExperiment(name: "e2", settings: edr, tenant: "soc-a", logger: logger)
            _ = try await repo.putExperiment(name: "e1", settings: Self.copilot, tenant: "soc-b", logger: logger)
            // Out-of-range share: refused before the database.
            var bad = Self.copilot
            bad.holdoutShare = 0.51
            await #expect(throws: ExperimentError.self) {
                try await repo.putExperiment(name: "e9", settings: bad, tenant: "soc-a", logger: logger)
            }
            // After a stop, the assistant is free again; the stopped experiment cannot change.
            _ = try await repo.stopExperiment(named: "e1", tenant: "soc-a", logger: logger)
            changed.plannedSample = 700
            _ = try await repo.putExperiment(name: "e3", settings: Self.copilot, tenant: "soc-a", logger: logger)
            await #expect(throws: ExperimentError.self) {
                try await repo.putExperiment(name: "e1", settings: changed, tenant: "soc-a", logger: logger)
            }
            let all = try await repo.experiments(tenant: "soc-a", logger: logger)
            #expect(Set(all.map(\.experiment.name)) == ["e1", "e2", "e3"])
            #expect(all.filter(\.running).count == 2)
            // The database holds the rule too.
            await #expect(throws: (any Error).self) {
                try await storage.database.client.query(
                    """
                    INSERT INTO experiments (tenant_id, name, assistant, holdout_share, starts_at)
                    VALUES ('soc-a', 'e4', 'siem-copilot', 0.2, now())
                    """, logger: logger
                ).drain()
            }
            await #expect(throws: (any Error).self) {
                try await storage.database.client.query(
                    """
                    INSERT INTO experiments (tenant_id, name, assistant, holdout_share, starts_at)
                    VALUES ('soc-a', 'e5', 'other', 0.7, now())
                    """, logger: logger
                ).drain()
            }
        }
    }

    @Test("one tenant never sees or changes another's experiments and assignments")
    func isolation() async throws {
        try await withFreshStorage { storage in
            let repo = storage.experiments
            _ = try await repo.putExperiment(name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            _ = try await repo.assign(Self.ask(["INC-1"]), tenant: "soc-a", logger: logger)
            #expect(try await repo.experiments(tenant: "soc-b", logger: logger).isEmpty)
            #expect(try await repo.assign(Self.ask(["INC-1"]), tenant: "soc-b", logger: logger)[0].experiment == nil)
            await #expect(throws: ExperimentError.notFound(experiment: "e1")) {
                try await repo.stopExperiment(named: "e1", tenant: "soc-b", logger: logger)
            }
            #expect(try await repo.experiment(named: "e1", tenant: "soc-a", logger: logger).running)
            // The report's projection shows the tenant's assignments only.
            let seen = try await storage.database.tenantTransaction("test", tenant: "soc-b", logger: logger) {
                connection in
                try await connection.query(
                    "SELECT count(*)::int8 FROM report_source.experiment_assignments", logger: TestDatabase.logger
                ).collectValues(Int64.self).first
            }
            #expect(seen == 0)
            let own = try await storage.database.tenantTransaction("test", tenant: "soc-a", logger: logger) {
                connection in
                try await connection.query(
                    "SELECT experiment, assistant, workflow_id FROM report_source.experiment_assignments",
                    logger: TestDatabase.logger
                ).collect(as: (String, String, String).self)
            }
            #expect(own.map { [$0.0, $0.1, $0.2] } == [["e1", "siem-copilot", "INC-1"]])
        }
    }

    @Test("the assignment secret: 32 bytes per tenant, not readable by the Grafana role")
    func secretIsPrivate() async throws {
        try await withFreshStorage { storage in
            _ = try await storage.experiments.putExperiment(
                name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            _ = try await storage.experiments.putExperiment(
                name: "e1", settings: Self.copilot, tenant: "soc-b", logger: logger)
            let secrets = try await storage.database.client.query(
                "SELECT assignment_secret FROM tenants WHERE tenant_id IN ('soc-a', 'soc-b')", logger: logger
            ).collectValues(ByteBuffer.self)
            #expect(secrets.count == 2 && secrets.allSatisfy { $0.readableBytes == 32 } && secrets[0] != secrets[1])
            let readable = try await storage.database.client.query(
                """
                SELECT has_column_privilege('baton_reader', 'public.tenants', 'assignment_secret', 'SELECT'),
                       has_table_privilege('baton_reader', 'public.experiments', 'SELECT'),
                       has_table_privilege('baton_reader', 'report_source.experiment_assignments', 'SELECT')
                """, logger: logger
            ).collect(as: (Bool, Bool, Bool).self).first
            #expect(readable.map { [$0.0, $0.1, $0.2] } == [false, false, false])
        }
    }

    @Test("concurrent first asks of the same cases, in different orders: one arm and one time per case")
    func concurrentFirstAsks() async throws {
        try await withFreshStorage { storage in
            let repo = storage.experiments
            _ = try await repo.putExperiment(name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            // Warm the caches, so the asks below take the path without a transaction.
            _ = try await repo.assign(Self.ask(["warm"]), tenant: "soc-a", logger: logger)
            let ids = (1...60).map { "INC-\($0)" }
            let answers = try await withThrowingTaskGroup(of: [ArmAssignment].self) { group in
                for k in 0..<12 {
                    // Batches in opposite orders would deadlock if each locked its cases as listed.
                    let order = k.isMultiple(of: 2) ? ids : ids.reversed()
                    group.addTask {
                        try await repo.assign(Self.ask(order), tenant: "soc-a", logger: TestDatabase.logger)
                    }
                }
                var all: [[ArmAssignment]] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            var byCase: [String: Set<ArmAssignment>] = [:]
            for answer in answers { for a in answer { byCase[a.workflowID, default: []].insert(a) } }
            #expect(byCase.count == 60)
            #expect(byCase.values.allSatisfy { $0.count == 1 && $0.first?.assignedAt != nil })
            let stored = try await storage.database.client.query(
                "SELECT count(*)::int8 FROM experiment_assignments", logger: logger
            ).collectValues(Int64.self).first
            #expect(stored == 61)
        }
    }

    @Test("the recording function enters the tenant itself, and only for its own call")
    func recordingFunctionEntersTenant() async throws {
        try await withFreshStorage { storage in
            let repo = storage.experiments
            _ = try await repo.putExperiment(name: "e1", settings: Self.copilot, tenant: "soc-a", logger: logger)
            _ = try await repo.assign(Self.ask(["INC-1"]), tenant: "soc-a", logger: logger)
            let (rows, after) = try await storage.database.client.withConnection { connection in
                // soc-b asks about soc-a's experiment and case: it has no such experiment, so
                // nothing is recorded and soc-a's arm is not read back.
                let rows = try await connection.query(
                    """
                    SELECT experiment, workflow_id, arm, live
                    FROM baton_record_assignments('soc-b', ARRAY['INC-1', 'INC-2'], ARRAY['e1', 'e1'], ARRAY['use', 'use'])
                    """, logger: TestDatabase.logger
                ).collect(as: (String, String, String?, Bool).self)
                let after = try await connection.query(
                    "SELECT current_user::text, coalesce(current_setting('baton.tenant', true), '')",
                    logger: TestDatabase.logger
                ).collect(as: (String, String).self)
                return (rows, after)
            }
            #expect(
                rows.map { [$0.0, $0.1, $0.2 ?? "none", $0.3 ? "live" : "dead"] } == [
                    ["e1", "INC-1", "none", "dead"], ["e1", "INC-2", "none", "dead"],
                ])
            #expect(after.first?.0 != "baton_service" && after.first?.1 == "")
            let stored = try await storage.database.client.query(
                "SELECT tenant_id, workflow_id FROM experiment_assignments ORDER BY 1, 2", logger: logger
            ).collect(as: (String, String).self)
            #expect(stored.map { [$0.0, $0.1] } == [["soc-a", "INC-1"]])
            let grafana = try await storage.database.client.query(
                """
                SELECT has_function_privilege('baton_reader', 'baton_record_assignments(text, text[], text[], text[])', 'EXECUTE')
                """, logger: logger
            ).collectValues(Bool.self).first
            #expect(grafana == false)
        }
    }
}
