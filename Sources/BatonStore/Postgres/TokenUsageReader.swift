import BatonCore
import Logging
import PostgresNIO

/// The token sums of the report's cost figures (issue 22), read in the report's snapshot: one
/// aggregate over the AI tasks of the period's cases, grouped by assistant, day (UTC, by the
/// task's start), provider and model, so prices apply per day in Swift over a few hundred rows.
enum TokenUsageReader {
    /// Token counts, provider and model as stored in `tasks.attributes` (`Docs/otel.md`: new GenAI
    /// names; the older ones are read too, for records posted to `/v1/events` with them), by the
    /// SQL functions of migration 0021, which the rollups use too. A count that is not a number
    /// from 0 to 10¹² is no count. `rollups`: the same groups summed from the daily rollups of the
    /// days [from, to), for a period of whole UTC days whose rollups are fresh; the same figures,
    /// since every one is a count or a sum of whole tokens.
    static func tokenUsage(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        rollups: Bool = false, logger: Logger
    ) async throws -> [TokenUsage] {
        let query: PostgresQuery =
            rollups
            ? """
            SELECT assistant, task_day, provider, model, sum(ai_tasks)::int8, sum(tasks_with_tokens)::int8,
                   sum(input_tokens)::int8, sum(output_tokens)::int8
            FROM report_source.token_usage_rollups
            WHERE tenant_id = \(tenant) AND day >= (\(f)::timestamptz AT TIME ZONE 'UTC')::date
              AND day < (\(t)::timestamptz AT TIME ZONE 'UTC')::date
            GROUP BY 1, 2, 3, 4
            ORDER BY 1, 2, 3, 4
            """
            : """
            WITH w AS MATERIALIZED (
                SELECT workflow_id FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            ), c AS (
                SELECT t.assistant, (t.started_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS day,
                       baton_token_provider(t.attributes) AS provider, baton_token_model(t.attributes) AS model,
                       baton_input_tokens(t.attributes) AS input, baton_output_tokens(t.attributes) AS output
                FROM tasks AS t JOIN w USING (workflow_id)
                WHERE t.tenant_id = \(tenant) AND t.opened_month BETWEEN \(months.first) AND \(months.last)
                  AND t.ai_mode <> 'none' AND t.assistant IS NOT NULL
            )
            SELECT assistant, day::int4, provider, model, count(*)::int8,
                   count(*) FILTER (WHERE input IS NOT NULL OR output IS NOT NULL)::int8,
                   COALESCE(sum(input), 0)::int8, COALESCE(sum(output), 0)::int8
            FROM c GROUP BY 1, 2, 3, 4
            ORDER BY 1, 2, 3, 4
            """
        let rows = try await connection.query(query, logger: logger).collect(
            as: (String, Int32, String?, String?, Int64, Int64, Int64, Int64).self)
        return rows.map {
            TokenUsage(
                assistant: $0.0, day: Int($0.1), provider: $0.2, model: $0.3, aiTasks: Int($0.4),
                tasksWithTokens: Int($0.5), inputTokens: $0.6, outputTokens: $0.7)
        }
    }
}
