-- The figures Grafana's dashboards show (Dashboards/), defined once here: a panel only selects
-- from these functions or from the `reporting` views, so a dashboard never carries a figure's
-- logic of its own. Each reads the `reporting` views as the caller, so a reader sees only the
-- tenants its role may see; each covers the workflows opened in [p_from, p_to), as the report.

-- Task speedup as the report computes it (value-model §3): the median duration of the type's
-- finished tasks without AI over the median of the assistant's finished AI tasks of that type.
CREATE OR REPLACE FUNCTION reporting.task_speedups(p_tenant text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (assistant text, task_type text, ai_tasks int8, baseline_tasks int8, baseline_median_minutes float8,
               ai_median_minutes float8, speedup float8)
LANGUAGE sql STABLE AS $$
WITH t AS (
    SELECT t.task_type, t.assistant, t.ai, t.duration_minutes
    FROM reporting.tasks AS t JOIN reporting.workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.tenant_id = p_tenant AND w.opened_at >= p_from AND w.opened_at < p_to AND t.ended_at IS NOT NULL
), b AS (
    SELECT task_type, percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_minutes) AS median, count(*) AS n
    FROM t WHERE NOT ai GROUP BY task_type
), a AS (
    SELECT assistant, task_type, percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_minutes) AS median,
           count(*) AS n
    FROM t WHERE ai GROUP BY assistant, task_type
)
SELECT a.assistant, a.task_type, a.n, b.n, b.median, a.median, b.median / NULLIF(a.median, 0)
FROM a JOIN b USING (task_type)
$$;

-- Claimed effort saved (value-model §3, the task-level claim): for every finished AI task, the
-- mean duration of finished non-AI tasks of its type and severity minus its own, summed; hours.
CREATE OR REPLACE FUNCTION reporting.claimed_effort(p_tenant text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (assistant text, effort_saved_hours float8, ai_tasks int8)
LANGUAGE sql STABLE AS $$
WITH t AS (
    SELECT t.task_type, w.severity, t.assistant, t.ai, t.duration_minutes
    FROM reporting.tasks AS t JOIN reporting.workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.tenant_id = p_tenant AND w.opened_at >= p_from AND w.opened_at < p_to AND t.ended_at IS NOT NULL
), b AS (
    SELECT task_type, severity, avg(duration_minutes) AS mean FROM t WHERE NOT ai GROUP BY 1, 2
)
SELECT t.assistant, sum(b.mean - t.duration_minutes) / 60, count(*)
FROM t JOIN b USING (task_type, severity) WHERE t.ai GROUP BY t.assistant
$$;

-- Mean lead time of closed cases per week (Monday, UTC), touched by AI or not, from the daily
-- rollups the maintenance service keeps: cheap over years, and still there for months whose
-- rows retention dropped. Means only; medians and intervals need the rows (the report).
CREATE OR REPLACE FUNCTION reporting.weekly_lead_means(p_tenant text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (week timestamptz, touched_lead_hours float8, untouched_lead_hours float8)
LANGUAGE sql STABLE AS $$
SELECT date_trunc('week', r.day::timestamptz, 'UTC'),
       sum(r.lead_us) FILTER (WHERE r.ai_touched)::float8 / NULLIF(sum(r.closed) FILTER (WHERE r.ai_touched), 0) / 3600e6,
       sum(r.lead_us) FILTER (WHERE NOT r.ai_touched)::float8
           / NULLIF(sum(r.closed) FILTER (WHERE NOT r.ai_touched), 0) / 3600e6
FROM reporting.workflow_rollups AS r
WHERE r.tenant_id = p_tenant AND r.day::timestamptz >= p_from AND r.day::timestamptz < p_to
GROUP BY 1
$$;

-- One assistant's finished AI tasks per week (by start, Monday UTC) against the finished tasks
-- without AI of the task types it works on: median and 90th percentile of durations, minutes.
CREATE OR REPLACE FUNCTION reporting.weekly_task_durations(p_tenant text, p_assistant text, p_from timestamptz,
                                                           p_to timestamptz)
RETURNS TABLE (week timestamptz, ai_median float8, ai_p90 float8, without_ai_median float8, without_ai_p90 float8)
LANGUAGE sql STABLE AS $$
WITH types AS (
    SELECT DISTINCT task_type FROM reporting.tasks WHERE tenant_id = p_tenant AND assistant = p_assistant AND ai
)
SELECT date_trunc('week', t.started_at, 'UTC'),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE t.ai AND t.assistant = p_assistant),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE t.ai AND t.assistant = p_assistant),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE NOT t.ai),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE NOT t.ai)
FROM reporting.tasks AS t JOIN types USING (task_type)
WHERE t.tenant_id = p_tenant AND t.ended_at IS NOT NULL AND t.started_at >= p_from AND t.started_at < p_to
GROUP BY 1
$$;

-- Waiting hours at the handoffs into or out of one assistant's AI tasks, by tool pair.
CREATE OR REPLACE FUNCTION reporting.waiting_near_assistant(p_tenant text, p_assistant text, p_from timestamptz,
                                                            p_to timestamptz)
RETURNS TABLE (tool_pair text, waiting_hours float8)
LANGUAGE sql STABLE AS $$
SELECT h.tool_pair, sum(h.wait_hours)
FROM reporting.handoffs AS h
JOIN reporting.tasks AS t ON t.tenant_id = h.tenant_id AND t.task_id IN (h.handoff_id, h.from_task_id)
WHERE h.tenant_id = p_tenant AND h.kind = 'handoff' AND t.assistant = p_assistant AND t.ai
  AND h.handed_at >= p_from AND h.handed_at < p_to
GROUP BY 1
$$;

-- The share of handoffs that carried context (`context_from` named the task before), among the
-- handoffs of the workflows opened in [p_from, p_to): the report's readiness figure.
CREATE OR REPLACE FUNCTION reporting.context_carried_share(p_tenant text, p_from timestamptz, p_to timestamptz)
RETURNS float8
LANGUAGE sql STABLE AS $$
SELECT avg(h.context_carried::int)::float8
FROM reporting.handoffs AS h JOIN reporting.workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
WHERE h.tenant_id = p_tenant AND h.kind = 'handoff' AND w.opened_at >= p_from AND w.opened_at < p_to
$$;

-- Flow efficiency (touch time over lead time) of closed cases per opening week (Monday, UTC):
-- median and 90th percentile.
CREATE OR REPLACE FUNCTION reporting.weekly_flow_efficiency(p_tenant text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (week timestamptz, median float8, p90 float8)
LANGUAGE sql STABLE AS $$
SELECT date_trunc('week', w.opened_at, 'UTC'),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY w.flow_efficiency),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY w.flow_efficiency)
FROM reporting.workflows AS w
WHERE w.tenant_id = p_tenant AND w.closed AND w.opened_at >= p_from AND w.opened_at < p_to
GROUP BY 1
$$;

-- Readers may run these (functions are executable by PUBLIC unless revoked; said for clarity,
-- and so a hardened database that revoked it still serves the dashboards).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        GRANT EXECUTE ON FUNCTION reporting.task_speedups(text, timestamptz, timestamptz),
            reporting.claimed_effort(text, timestamptz, timestamptz),
            reporting.weekly_lead_means(text, timestamptz, timestamptz),
            reporting.weekly_task_durations(text, text, timestamptz, timestamptz),
            reporting.waiting_near_assistant(text, text, timestamptz, timestamptz),
            reporting.context_carried_share(text, timestamptz, timestamptz),
            reporting.weekly_flow_efficiency(text, timestamptz, timestamptz) TO baton_reader;
    END IF;
END
$$;
