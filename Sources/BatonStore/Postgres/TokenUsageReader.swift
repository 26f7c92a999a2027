import BatonCore
import Logging
import PostgresNIO

/// The token sums of the report's cost figures (issue 22), read in the report's snapshot: one
/// aggregate over the AI tasks of the period's cases, grouped by assistant, day (UTC, by the
/// task's start), provider and model, so prices apply per day in Swift over a few hundred rows.
enum TokenUsageReader {
    /// Token counts, provider and model as stored in `tasks.attributes` (`Docs/otel.md`: new GenAI
    /// names; the older ones are read too, for records posted to `/v1/events` with them). A count
    /// that is not a number from 0 to 10¹² is no count.
    static func tokenUsage(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        logger: Logger
    ) async throws -> [TokenUsage] {
        let rows = try await connection.query(
            """
            WITH w AS MATERIALIZED (
                SELECT workflow_id FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            ), a AS (
                SELECT t.assistant, (t.started_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS day,
                       COALESCE(t.attributes ->> 'gen_ai.provider.name', t.attributes ->> 'gen_ai.system') AS provider,
                       COALESCE(t.attributes ->> 'gen_ai.response.model', t.attributes ->> 'gen_ai.request.model')
                           AS model,
                       COALESCE(t.attributes -> 'gen_ai.usage.input_tokens', t.attributes -> 'gen_ai.usage.prompt_tokens')
                           AS input,
                       COALESCE(t.attributes -> 'gen_ai.usage.output_tokens',
                                t.attributes -> 'gen_ai.usage.completion_tokens') AS output
                FROM tasks AS t JOIN w USING (workflow_id)
                WHERE t.tenant_id = \(tenant) AND t.opened_month BETWEEN \(months.first) AND \(months.last)
                  AND t.ai_mode <> 'none' AND t.assistant IS NOT NULL
            ), c AS (
                SELECT assistant, day, provider, model,
                       -- CASE, not AND: the cast runs only on numbers.
                       CASE WHEN jsonb_typeof(input) = 'number'
                            THEN CASE WHEN input::numeric BETWEEN 0 AND 1e12 THEN round(input::numeric) END END AS input,
                       CASE WHEN jsonb_typeof(output) = 'number'
                            THEN CASE WHEN output::numeric BETWEEN 0 AND 1e12 THEN round(output::numeric) END END AS output
                FROM a
            )
            SELECT assistant, day::int4, provider, model, count(*)::int8,
                   count(*) FILTER (WHERE input IS NOT NULL OR output IS NOT NULL)::int8,
                   COALESCE(sum(input), 0)::int8, COALESCE(sum(output), 0)::int8
            FROM c GROUP BY 1, 2, 3, 4
            ORDER BY 1, 2, 3, 4
            """, logger: logger
        ).collect(as: (String, Int32, String?, String?, Int64, Int64, Int64, Int64).self)
        return rows.map {
            TokenUsage(
                assistant: $0.0, day: Int($0.1), provider: $0.2, model: $0.3, aiTasks: Int($0.4),
                tasksWithTokens: Int($0.5), inputTokens: $0.6, outputTokens: $0.7)
        }
    }
}
