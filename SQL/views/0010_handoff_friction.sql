-- The value report's friction figures (value-model §6), over one grouped pass of the handoffs of
-- the workflows opened in [p_from, p_to): waiting by handoff class among closed workflows (the
-- 50 largest classes, largest first), the waiting analysts tagged by reason (the latest tag of
-- each handoff counts; the view carries it), the share of handoffs that carried context, and the
-- share of waiting tagged. p_first_month and p_last_month are the period's month partitions
-- (the store passes them as date constants so PostgreSQL prunes the other months when it plans);
-- p_class_by names classes by tool pair ('tool') or by assistant pair ('assistant').
-- p_rollups: the same groups summed from the daily rollups (migration 0020) of the days
-- [p_from, p_to), for a period of whole UTC days whose rollups are fresh; every figure below is a
-- sum or a ratio of sums, so both branches give the same figures. The branch not taken is cut by a
-- one-time filter and reads nothing.
-- One row of parallel arrays: the report decodes it in one message. Inlined by PostgreSQL (one
-- SELECT, STABLE, SQL), so the binds plan like constants. Reads as the caller: the store calls it
-- as baton_service, inside its tenant's transaction.
DROP FUNCTION IF EXISTS report_source.handoff_friction(text, timestamptz, timestamptz, date, date, text);
CREATE OR REPLACE FUNCTION report_source.handoff_friction(
    p_tenant text, p_from timestamptz, p_to timestamptz, p_first_month date, p_last_month date, p_class_by text,
    p_rollups boolean)
RETURNS TABLE (classes text[], class_waits int8[], class_handoffs int8[], class_mean_waits float8[],
               class_carried float8[], reason_classes text[], reasons text[], reason_waits int8[],
               context_carried_share float8, waiting_tagged_share float8)
LANGUAGE sql STABLE AS $$
WITH w AS (
    SELECT workflow_id, closed FROM report_source.workflows
    WHERE NOT p_rollups AND tenant_id = p_tenant AND opened_at >= p_from AND opened_at < p_to
), g AS MATERIALIZED (
    -- One grouped pass; everything below reads these few rows.
    SELECT CASE p_class_by WHEN 'assistant' THEN COALESCE(h.from_side, '') || '→' || h.to_side ELSE h.tool_pair END
               AS cls,
           w.closed, h.tag_reason AS reason, sum(h.wait_us)::int8 AS wait, count(*)::int8 AS n,
           sum(h.context_carried::int)::int8 AS carried
    FROM report_source.handoffs AS h JOIN w USING (workflow_id)
    WHERE NOT p_rollups AND h.tenant_id = p_tenant AND h.kind = 'handoff'
      AND h.opened_month BETWEEN p_first_month AND p_last_month
    GROUP BY 1, w.closed, h.tag_reason
    UNION ALL
    SELECT CASE p_class_by WHEN 'assistant' THEN COALESCE(r.from_side, '') || '→' || r.to_side ELSE r.tool_pair END,
           r.closed, r.reason, sum(r.wait_us)::int8, sum(r.handoffs)::int8, sum(r.carried)::int8
    FROM report_source.handoff_friction_rollups AS r
    WHERE p_rollups AND r.tenant_id = p_tenant
      AND r.day >= (p_from AT TIME ZONE 'UTC')::date AND r.day < (p_to AT TIME ZONE 'UTC')::date
    GROUP BY 1, r.closed, r.reason
), top AS (
    SELECT cls, sum(wait)::int8 AS wait, sum(n)::int8 AS n, (sum(wait) / sum(n))::float8 AS mean,
           (sum(carried)::float8 / sum(n))::float8 AS carried
    FROM g WHERE closed GROUP BY cls ORDER BY 2 DESC, 1 LIMIT 50
), reasons AS (
    SELECT cls, reason, sum(wait)::int8 AS wait FROM g
    WHERE closed AND reason IS NOT NULL GROUP BY 1, 2
)
SELECT (SELECT COALESCE(array_agg(cls ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(wait ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(n ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(mean ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(carried ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(cls ORDER BY cls, reason), '{}') FROM reasons),
       (SELECT COALESCE(array_agg(reason ORDER BY cls, reason), '{}') FROM reasons),
       (SELECT COALESCE(array_agg(wait ORDER BY cls, reason), '{}') FROM reasons),
       (SELECT sum(carried)::float8 / NULLIF(sum(n), 0)::float8 FROM g),
       (SELECT (sum(wait) FILTER (WHERE reason IS NOT NULL))::float8 / NULLIF(sum(wait), 0)::float8 FROM g)
$$;
