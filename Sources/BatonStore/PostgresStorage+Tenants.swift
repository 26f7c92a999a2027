import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    /// Creates a tenant if it does not exist and sets its delivery model.
    package func ensureTenant(_ tenant: String, deliveryModel: DeliveryModel?, logger: Logger) async throws {
        try await run("ensure tenant", logger: logger) {
            try await client.query(
                """
                INSERT INTO tenants (tenant_id, delivery_model) VALUES (\(tenant), \(deliveryModel?.rawValue))
                ON CONFLICT (tenant_id) DO UPDATE SET delivery_model = COALESCE(excluded.delivery_model, tenants.delivery_model)
                """, logger: logger)
        }
    }

    /// The tenant a report is about when none is named: the only tenant with workflows, else `default`.
    package func defaultTenant(logger: Logger) async throws -> String {
        let tenants = try await run("tenants with data", logger: logger) {
            try await client.query(
                "SELECT DISTINCT tenant_id FROM workflows ORDER BY tenant_id LIMIT 2", logger: logger
            ).collectValues(String.self)
        }
        return tenants.count == 1 ? tenants[0] : "default"
    }

    /// Refreshes the planner's statistics after a bulk load, so the first report does not run on
    /// plans made for empty tables (autovacuum would get there, minutes later).
    package func analyzeAfterBulkLoad(logger: Logger) async throws {
        try await run("analyze", logger: logger) {
            try await client.query("ANALYZE workflows, tasks, handoffs, handoff_tags", logger: logger)
        }
    }

    /// How many workflows a tenant has.
    package func workflowCount(tenant: String, logger: Logger) async throws -> Int {
        try await run("count workflows", logger: logger) {
            try await client.query(
                "SELECT count(*)::int8 FROM workflows WHERE tenant_id = \(tenant)", logger: logger
            ).collectValues(Int64.self).first.map(Int.init) ?? 0
        }
    }

    /// Deletes a tenant's recorded and derived data (workflows, tasks, handoffs, tags, perceptions,
    /// assistants),
    /// keeping the tenant and its tokens. For `baton demo --reset`.
    package func deleteTenantData(tenant: String, logger: Logger) async throws {
        try await transaction("delete tenant data", logger: logger) { connection in
            for statement: PostgresQuery in [
                "DELETE FROM perceptions WHERE tenant_id = \(tenant)",
                "DELETE FROM handoff_tags WHERE tenant_id = \(tenant)",
                "DELETE FROM handoffs WHERE tenant_id = \(tenant)",
                "DELETE FROM tasks WHERE tenant_id = \(tenant)",
                "DELETE FROM workflows WHERE tenant_id = \(tenant)",
                "DELETE FROM assistants WHERE tenant_id = \(tenant)",
            ] {
                try await connection.query(statement, logger: logger).drain()
            }
        }
    }

    /// Per assistant and task type: task speedup (median ratio), and the difference in mean lead
    /// time between closed cases where it did that task and cases where people did it. A first look
    /// for `baton demo`: no intervals, no case-mix adjustment.
    package func assistantHeadlines(tenant: String, logger: Logger) async throws -> [AssistantHeadline] {
        let rows = try await run("assistant headlines", logger: logger) {
            try await client.query(
                """
                WITH served AS (
                    SELECT assistant, task_type, count(*) AS ai_tasks,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at)) AS ai_median
                    FROM tasks WHERE tenant_id = \(tenant) AND ai_mode <> 'none' AND ended_at IS NOT NULL
                    GROUP BY assistant, task_type
                ), baseline AS (
                    SELECT task_type, count(*) AS n,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at)) AS median
                    FROM tasks WHERE tenant_id = \(tenant) AND ai_mode = 'none' AND ended_at IS NOT NULL
                    GROUP BY task_type
                ), cases AS (
                    -- Per closed case and task type: whether an assistant did that task type in it.
                    SELECT t.task_type, t.workflow_id, max(t.assistant) FILTER (WHERE t.ai_mode <> 'none') AS assistant,
                           bool_or(t.ai_mode = 'none') AS by_people, max(w.lead_us) AS lead_us
                    FROM tasks AS t JOIN workflows AS w USING (tenant_id, workflow_id)
                    WHERE t.tenant_id = \(tenant) AND w.lead_us IS NOT NULL
                    GROUP BY t.task_type, t.workflow_id
                ), touched AS (
                    SELECT assistant, task_type, count(*) AS n, avg(lead_us) AS lead
                    FROM cases WHERE assistant IS NOT NULL GROUP BY assistant, task_type
                ), untouched AS (
                    SELECT task_type, avg(lead_us) AS lead
                    FROM cases WHERE assistant IS NULL AND by_people GROUP BY task_type
                )
                SELECT s.assistant, s.task_type, s.ai_tasks::int8, COALESCE(b.n, 0)::int8,
                       (b.median / NULLIF(s.ai_median, 0))::float8,
                       ((tw.lead - u.lead) / 3600e6)::float8, COALESCE(tw.n, 0)::int8
                FROM served AS s
                LEFT JOIN baseline AS b ON b.task_type = s.task_type
                LEFT JOIN touched AS tw ON tw.assistant = s.assistant AND tw.task_type = s.task_type
                LEFT JOIN untouched AS u ON u.task_type = s.task_type
                ORDER BY s.assistant, s.task_type
                """, logger: logger
            ).collect(as: (String, String, Int64, Int64, Double?, Double?, Int64).self)
        }
        return rows.map {
            AssistantHeadline(
                assistant: $0.0, taskType: $0.1, aiTasks: Int($0.2), baselineTasks: Int($0.3), taskSpeedup: $0.4,
                leadTimeDifferenceHours: $0.5, touchedWorkflows: Int($0.6))
        }
    }
}
