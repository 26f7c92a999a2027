-- The report's token sums from daily rollups (issue 23, value-model §10, Docs/performance.md
-- "Rollups"): what TokenUsageReader groups the period's AI tasks by, kept per day of the
-- workflow's opening (UTC), so a period of whole days reads a few hundred rows per day instead of
-- every AI task's attributes. Every figure is a count or a sum of whole tokens, so the rollups
-- give the rows' figures exactly.

-- How a task's attributes give its provider, model and token counts (Docs/otel.md: the new GenAI
-- names, then the older ones): one definition for the report's row statement and the rollups. A
-- count that is not a number from 0 to 10¹² is no count; CASE, not AND, so the cast runs only on
-- numbers. Simple SQL functions, so PostgreSQL inlines them into the statements that call them.
CREATE FUNCTION baton_token_provider(attributes jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(attributes ->> 'gen_ai.provider.name', attributes ->> 'gen_ai.system')
$$;

CREATE FUNCTION baton_token_model(attributes jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(attributes ->> 'gen_ai.response.model', attributes ->> 'gen_ai.request.model')
$$;

CREATE FUNCTION baton_token_count(v jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN jsonb_typeof(v) = 'number'
                THEN CASE WHEN v::numeric BETWEEN 0 AND 1e12 THEN round(v::numeric) END END
$$;

CREATE FUNCTION baton_input_tokens(attributes jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT baton_token_count(COALESCE(attributes -> 'gen_ai.usage.input_tokens',
                                      attributes -> 'gen_ai.usage.prompt_tokens'))
$$;

CREATE FUNCTION baton_output_tokens(attributes jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT baton_token_count(COALESCE(attributes -> 'gen_ai.usage.output_tokens',
                                      attributes -> 'gen_ai.usage.completion_tokens'))
$$;

-- One row per tenant, day of the workflow's opening, day of the task's start (days since
-- 1970-01-01, UTC, as the report prices them), assistant, provider and model (NULL: not given;
-- the key treats NULLs as equal), over the AI tasks with an assistant: their number, how many
-- carried a count, and the summed input and output tokens.
CREATE TABLE token_usage_rollups (
    tenant_id          text NOT NULL,
    day                date NOT NULL,
    task_day           int4 NOT NULL,
    assistant          text NOT NULL,
    provider           text,
    model              text,
    ai_tasks           bigint NOT NULL,
    tasks_with_tokens  bigint NOT NULL,
    input_tokens       bigint NOT NULL,
    output_tokens      bigint NOT NULL,
    CONSTRAINT token_usage_rollups_key
        UNIQUE NULLS NOT DISTINCT (tenant_id, day, task_day, assistant, provider, model)
);

-- baton_rollup_month keeps its name, signature and privileges and now also fills the table
-- above, as 0020 did for the friction sums.
ALTER FUNCTION baton_rollup_month(date, text[], boolean) RENAME TO baton_rollup_month_before_tokens;

CREATE FUNCTION baton_rollup_month(m date, tenants text[], additive boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM baton_rollup_month_before_tokens(m, tenants, additive);
    IF NOT additive THEN
        DELETE FROM token_usage_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    INSERT INTO token_usage_rollups AS r (tenant_id, day, task_day, assistant, provider, model, ai_tasks,
                                          tasks_with_tokens, input_tokens, output_tokens)
    SELECT c.tenant_id, c.day, c.task_day, c.assistant, c.provider, c.model, count(*),
           count(*) FILTER (WHERE c.input IS NOT NULL OR c.output IS NOT NULL),
           COALESCE(sum(c.input), 0)::int8, COALESCE(sum(c.output), 0)::int8
    FROM (
        SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date AS day,
               (t.started_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS task_day, t.assistant,
               baton_token_provider(t.attributes) AS provider, baton_token_model(t.attributes) AS model,
               baton_input_tokens(t.attributes) AS input, baton_output_tokens(t.attributes) AS output
        FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
        WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants)
          AND t.ai_mode <> 'none' AND t.assistant IS NOT NULL
    ) AS c
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT token_usage_rollups_key DO UPDATE SET
        ai_tasks = r.ai_tasks + excluded.ai_tasks, tasks_with_tokens = r.tasks_with_tokens + excluded.tasks_with_tokens,
        input_tokens = r.input_tokens + excluded.input_tokens, output_tokens = r.output_tokens + excluded.output_tokens;
END
$$;
REVOKE ALL ON FUNCTION baton_rollup_month(date, text[], boolean) FROM PUBLIC;

-- A database migrated with rows has no token sums yet: every tenant-month with a workflow is marked
-- changed, so the report reads rows (not empty rollups) until the next maintenance pass has
-- filled them (as 0019 does for the coordination rollups).
INSERT INTO rollup_dirty (tenant_id, month)
SELECT DISTINCT tenant_id, opened_month FROM workflows WHERE opened_month IS NOT NULL;

-- Privileges as for handoff_friction_rollups (0020); row security in SQL/views/0002_row_security.sql,
-- the projections in SQL/views/0006_token_usage_rollups.sql. DELETE for `baton demo --reset`.
GRANT SELECT, DELETE ON token_usage_rollups TO baton_service;
GRANT SELECT ON token_usage_rollups TO baton_views;
