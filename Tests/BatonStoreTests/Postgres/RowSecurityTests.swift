import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Row-level security: the service's role sees one tenant's rows")
struct RowSecurityTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// Two tenants with a workflow of two tasks each (so each has handoffs), and a tag and a rating for A.
    static func twoTenants(_ storage: PostgresStorage) async throws {
        let logger = TestDatabase.logger
        for tenant in ["soc-a", "soc-b"] {
            _ = try await storage.tokens.createToken(tenant: tenant, role: .admin, label: nil, logger: logger)
            _ = try await storage.ingest.ingest(
                [
                    F.workflow("INC-\(tenant)", opened: 0, closed: 60),
                    F.task("\(tenant)-1", workflow: "INC-\(tenant)", start: 1, end: 5, aiMode: .assisted),
                    F.task("\(tenant)-2", workflow: "INC-\(tenant)", start: 9, end: 20, tool: "edr"),
                ], tenant: tenant, logger: logger)
            _ = try await storage.interventions.addIntervention(
                InterventionInput(
                    date: F.at(10), target: try InterventionTarget(kind: .handoffClass, "siem→edr"),
                    description: "change of \(tenant)"), tenant: tenant, by: nil, logger: logger)
        }
        _ = try await storage.handoffs.tagHandoff(
            id: "soc-a-2", reason: .queueWait, note: nil, tenant: "soc-a", by: nil, logger: logger)
        try await storage.ingest.addPerceptions(
            [Perception(assistant: "siem-copilot", respondentRole: nil, rating: .good, ratedAt: F.at(30), note: nil)],
            tenant: "soc-a", logger: logger)
        // Both tenants' rollups, so that the rollup tables hold rows of each.
        _ = try await storage.maintenance.maintain(now: F.at(60), retentionMonths: nil, logger: logger)
    }

    static let tenantTables = [
        "tenants", "api_tokens", "assistants", "workflows", "tasks", "task_keys", "handoffs", "handoff_tags",
        "perceptions", "task_rollups", "workflow_rollups", "rollup_dirty", "experiments", "experiment_assignments",
        "token_prices", "interventions", "task_duration_bins", "task_type_totals", "coordination_rollups",
        "handoff_friction_rollups", "token_usage_rollups", "data_generations",
    ]

    @Test("every table with a tenant_id has row security and a policy for baton_service")
    func everyTenantTableIsCovered() async throws {
        try await withFreshStorage { storage in
            let rows = try await storage.database.client.query(
                """
                SELECT c.relname, c.relrowsecurity,
                       EXISTS (SELECT 1 FROM pg_policy AS p WHERE p.polrelid = c.oid
                               AND (SELECT oid FROM pg_roles WHERE rolname = 'baton_service') = ANY (p.polroles))
                FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
                JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                ORDER BY 1
                """, logger: logger
            ).collect(as: (String, Bool, Bool).self)
            // Month partitions (migration 0010) have no policies of their own: the parent's apply to
            // rows reached through it, and baton_service must have no way to reach them directly.
            try await Self.twoTenants(storage)
            let partitions = try await storage.database.client.query(
                """
                SELECT c.relname::text, has_table_privilege('baton_service', c.oid, 'SELECT, INSERT, UPDATE, DELETE')
                FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relispartition ORDER BY 1
                """, logger: logger
            ).collect(as: (String, Bool).self)
            #expect(partitions.count >= 2)
            #expect(partitions.filter(\.1).isEmpty, "baton_service may reach partitions: \(partitions.filter(\.1))")
            // A new tenant table without a policy makes this fail; reporting_reader_tenants is the
            // readers' own mapping, which the service never reads.
            let covered = rows.filter { $0.0 != "reporting_reader_tenants" }
            #expect(covered.map(\.0) == Self.tenantTables.sorted())
            for (table, secured, policy) in covered {
                #expect(secured, "row security is off on \(table)")
                #expect(policy, "no policy for baton_service on \(table)")
            }
            let role = try await storage.database.client.query(
                "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'baton_service'",
                logger: logger
            ).collect(as: (Bool, Bool, Bool).self)
            #expect(role.count == 1)
            #expect(role.first.map { !$0.0 && !$0.1 && !$0.2 } == true)
        }
    }

    @Test("in a tenant's transaction, statements without a tenant filter see and change only that tenant")
    func unscopedStatementsStayInTheTenant() async throws {
        try await withFreshStorage { storage in
            try await Self.twoTenants(storage)
            let counts = try await storage.database.tenantTransaction("test", tenant: "soc-a", logger: logger) {
                connection in
                var counts: [String: Int64] = [:]
                for table in Self.tenantTables {
                    // Table names come from the constant list above, never from input.
                    counts[table] = try await connection.query(
                        PostgresQuery(unsafeSQL: "SELECT count(*)::int8 FROM \(table)"), logger: TestDatabase.logger
                    ).collectValues(Int64.self).first
                }
                let tenants = try await connection.query(
                    "SELECT DISTINCT tenant_id FROM report_source.tasks", logger: TestDatabase.logger
                ).collectValues(String.self)
                let user = try await connection.query("SELECT current_user::text", logger: TestDatabase.logger)
                    .collectValues(String.self).first
                return (counts, tenants, user)
            }
            #expect(counts.2 == "baton_service")
            #expect(counts.1 == ["soc-a"])
            #expect(counts.0["tenants"] == 1)
            #expect(counts.0["api_tokens"] == 1)
            #expect(counts.0["workflows"] == 1)
            #expect(counts.0["tasks"] == 2)
            #expect(counts.0["handoffs"] == 2)
            #expect(counts.0["handoff_tags"] == 1)
            #expect(counts.0["perceptions"] == 1)
            #expect(counts.0["interventions"] == 1)
            // Every task ended, so the histograms have task_rollups' keys; one task type per tenant.
            #expect(counts.0["task_rollups"] == 2)
            #expect(counts.0["task_duration_bins"] == 2)
            #expect(counts.0["task_type_totals"] == 1)
            // The day's handoff siem-copilot → human (no link, no duplicated time) and its overall row.
            #expect(counts.0["coordination_rollups"] == 2)

            // Writes to the other tenant's rows find nothing; creating one is refused.
            let changed = try await storage.database.tenantTransaction("test", tenant: "soc-a", logger: logger) {
                connection in
                let updated = try await connection.query(
                    "WITH u AS (UPDATE tasks SET actor = 'x' WHERE tenant_id = 'soc-b' RETURNING 1) SELECT count(*)::int8 FROM u",
                    logger: TestDatabase.logger
                ).collectValues(Int64.self).first
                let deleted = try await connection.query(
                    "WITH d AS (DELETE FROM handoff_tags WHERE tenant_id <> 'soc-a' RETURNING 1) SELECT count(*)::int8 FROM d",
                    logger: TestDatabase.logger
                ).collectValues(Int64.self).first
                return [updated, deleted]
            }
            #expect(changed == [0, 0])
            await #expect(throws: StoreError.self) {
                try await storage.database.tenantTransaction("test", tenant: "soc-a", logger: logger) { connection in
                    try await connection.query(
                        "INSERT INTO workflows (tenant_id, workflow_id) VALUES ('soc-b', 'planted')",
                        logger: TestDatabase.logger
                    ).drain()
                }
            }
            // Nothing of soc-b changed, seen from outside row security.
            let b = try await storage.database.client.query(
                """
                SELECT (SELECT count(*) FROM workflows WHERE tenant_id = 'soc-b')::int8,
                       (SELECT count(*) FROM tasks WHERE tenant_id = 'soc-b' AND actor IS DISTINCT FROM 'x')::int8
                """, logger: logger
            ).collect(as: (Int64, Int64).self).first
            #expect(b.map { [$0.0, $0.1] } == [1, 2])
        }
    }

    @Test("without a tenant set, or with row security switched off, baton_service reads nothing")
    func noTenantNoRows() async throws {
        try await withFreshStorage { storage in
            try await Self.twoTenants(storage)
            let seen = try await storage.database.client.withTransaction(logger: logger) { connection in
                try await connection.query("SET LOCAL ROLE baton_service", logger: TestDatabase.logger).drain()
                return try await connection.query(
                    "SELECT (SELECT count(*) FROM tasks)::int8 + (SELECT count(*) FROM report_source.workflows)::int8",
                    logger: TestDatabase.logger
                ).collectValues(Int64.self).first
            }
            #expect(seen == 0)
            // row_security = off makes PostgreSQL refuse the query rather than bypass the policy.
            await #expect(throws: (any Error).self) {
                try await storage.database.client.withTransaction(logger: logger) { connection in
                    try await connection.query("SET LOCAL ROLE baton_service", logger: TestDatabase.logger).drain()
                    try await connection.query("SET LOCAL row_security = off", logger: TestDatabase.logger).drain()
                    try await connection.query("SELECT count(*) FROM tasks", logger: TestDatabase.logger).drain()
                }
            }
        }
    }

    @Test("the storage's reads and writes run as baton_service: another tenant's ids are not found")
    func storageCallsAreScoped() async throws {
        try await withFreshStorage { storage in
            try await Self.twoTenants(storage)
            #expect(try await storage.reports.workflow(id: "INC-soc-b", tenant: "soc-a", logger: logger) == nil)
            #expect(try await storage.reports.workflow(id: "INC-soc-a", tenant: "soc-a", logger: logger) != nil)
            let tag = try await storage.handoffs.tagHandoff(
                id: "soc-b-2", reason: .other, note: nil, tenant: "soc-a", by: nil, logger: logger)
            #expect(tag == nil)
            let report = try await storage.reports.reportInput(
                tenant: "soc-a", from: F.at(-60), to: F.at(600), logger: logger)
            #expect(report.workflows.count == 1)
        }
    }
}
