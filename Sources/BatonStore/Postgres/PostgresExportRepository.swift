package import BatonCore
package import Logging
import PostgresNIO

/// Event-log exports on PostgreSQL, a page of workflows per transaction.
package struct PostgresExportRepository: ExportRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// The task types of the workflows an event-log export covers (for OCEL's event types).
    package func eventLogTaskTypes(tenant: String, from: Timestamp?, to: Timestamp?, logger: Logger) async throws
        -> [String]
    {
        let (f, t) = (from?.postgresText, to?.postgresText)
        return try await database.tenantTransaction("event log task types", tenant: tenant, logger: logger) {
            connection in
            try await connection.query(
                """
                SELECT DISTINCT t.task_type
                FROM tasks AS t JOIN workflows AS w USING (tenant_id, workflow_id)
                WHERE t.tenant_id = \(tenant)
                  AND (\(f)::timestamptz IS NULL OR w.effective_opened_at >= \(f)::timestamptz)
                  AND (\(t)::timestamptz IS NULL OR w.effective_opened_at < \(t)::timestamptz)
                ORDER BY 1
                """, logger: logger
            ).collectValues(String.self)
        }
    }

    /// One page of an event-log export: up to `limit` workflows after `after` (by id), opened in
    /// [from, to) when given, each with its tasks in (start, end, id) order. Pages follow the
    /// primary key, so each costs the same however far the export has got, and memory holds one
    /// page at a time.
    package func eventLogPage(
        tenant: String, from: Timestamp?, to: Timestamp?, after: String?, limit: Int, logger: Logger
    ) async throws -> [EventLogCase] {
        let (f, t) = (from?.postgresText, to?.postgresText)
        return try await database.tenantTransaction("event log page", tenant: tenant, logger: logger) { connection in
            let workflows = try await connection.query(
                """
                SELECT workflow_id, (extract(epoch FROM opened_at) * 1000000)::int8,
                       (extract(epoch FROM closed_at) * 1000000)::int8, severity, category
                FROM workflows
                WHERE tenant_id = \(tenant) AND (\(after)::text IS NULL OR workflow_id > \(after)::text)
                  AND (\(f)::timestamptz IS NULL OR effective_opened_at >= \(f)::timestamptz)
                  AND (\(t)::timestamptz IS NULL OR effective_opened_at < \(t)::timestamptz)
                ORDER BY workflow_id LIMIT \(limit)
                """, logger: logger
            ).collect(as: (String, Int64?, Int64?, String?, String?).self)
            guard !workflows.isEmpty else { return [] }
            let ids = workflows.map(\.0)
            var tasks: [String: [TaskRecord]] = [:]
            let rows = try await connection.query(
                """
                SELECT workflow_id, task_id, task_type, stage, tool, actor, assistant, ai_mode,
                       (extract(epoch FROM started_at) * 1000000)::int8, (extract(epoch FROM ended_at) * 1000000)::int8,
                       context_from, attributes::text
                FROM tasks
                WHERE tenant_id = \(tenant) AND workflow_id = ANY(\(ids)::text[])
                ORDER BY workflow_id, started_at, ended_at NULLS LAST, task_id
                """, logger: logger)
            for try await (workflow, id, type, stage, tool, actor, assistant, mode, started, ended, context, attributes)
                in rows
                .decode(
                    (String, String, String, String?, String, String?, String?, String, Int64, Int64?, String?, String?)
                        .self)
            {
                tasks[workflow, default: []].append(
                    TaskRecord(
                        stored: (id, type, stage, tool, actor, assistant, mode, started, ended, context, attributes),
                        workflowID: workflow))
            }
            return workflows.map { id, opened, closed, severity, category in
                EventLogCase(
                    workflowID: id, openedAt: opened.map(Timestamp.init(microseconds:)),
                    closedAt: closed.map(Timestamp.init(microseconds:)),
                    severity: severity.flatMap(Severity.init(rawValue:)), category: category,
                    tasks: tasks[id] ?? [])
            }
        }
    }

    /// The tenant's assistants (``PostgresTenantRepository/assistants(tenant:logger:)``).
    package func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata] {
        try await PostgresTenantRepository(database: database).assistants(tenant: tenant, logger: logger)
    }
}
