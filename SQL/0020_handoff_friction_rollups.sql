-- The report's friction figures from daily sums (issue 23, value-model §10, Docs/performance.md
-- "Rollups"): what report_source.handoff_friction groups the period's handoffs by, kept per day of
-- the workflow's opening (UTC), so a period of whole days reads a few thousand rows instead of
-- every handoff. Every figure of the function is a sum or a ratio of these sums, so the rollups
-- give the rows' figures exactly.
--
-- One row per tenant, day, handoff class inputs (tool pair, from side, to side, as the view
-- report_source.handoffs computes them), whether the workflow is closed, and the handoff's
-- current tag reason (NULL: untagged): the handoffs' summed wait, their number and how many
-- carried context. Only handoffs of kind 'handoff' are kept, as the function reads only those.
-- Sides and reasons may be NULL, so the key treats NULLs as equal.
CREATE TABLE handoff_friction_rollups (
    tenant_id  text NOT NULL,
    day        date NOT NULL,
    tool_pair  text,
    from_side  text,
    to_side    text,
    closed     boolean NOT NULL,
    reason     text,
    wait_us    bigint NOT NULL,
    handoffs   bigint NOT NULL,
    carried    bigint NOT NULL,
    CONSTRAINT handoff_friction_rollups_key
        UNIQUE NULLS NOT DISTINCT (tenant_id, day, tool_pair, from_side, to_side, closed, reason)
);

-- baton_rollup_month keeps its name, signature and privileges and now also fills the table
-- above: the function as it stood is renamed and called first, in the same transaction and
-- snapshot. A changed live month is replaced; rows that reach a retired month are added.
-- Tags change reasons without ingest, so a tag write marks its month too (HandoffTagWriter).
ALTER FUNCTION baton_rollup_month(date, text[], boolean) RENAME TO baton_rollup_month_before_friction;

CREATE FUNCTION baton_rollup_month(m date, tenants text[], additive boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM baton_rollup_month_before_friction(m, tenants, additive);
    IF NOT additive THEN
        DELETE FROM handoff_friction_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    -- The expressions of report_source.handoffs' tool_pair, from_side and to_side, and of
    -- report_source.workflows' closed; a test holds the function's figures from these rows equal
    -- to its figures from the handoffs.
    INSERT INTO handoff_friction_rollups AS r (tenant_id, day, tool_pair, from_side, to_side, closed, reason,
                                               wait_us, handoffs, carried)
    SELECT h.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date,
           (COALESCE(h.from_tool, '') || '→') || h.to_tool,
           CASE WHEN h.from_ai_mode IS NULL THEN NULL WHEN h.from_ai_mode = 'none' THEN 'human'
                ELSE h.from_assistant END,
           CASE WHEN h.to_ai_mode = 'none' THEN 'human' ELSE h.to_assistant END,
           w.lead_us IS NOT NULL, h.tag_reason, sum(h.wait_us)::int8, count(*)::int8,
           sum(h.context_carried::int)::int8
    FROM handoffs AS h JOIN workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
    WHERE h.opened_month = m AND w.opened_month = m AND h.tenant_id = ANY (tenants) AND h.kind = 'handoff'
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT handoff_friction_rollups_key DO UPDATE SET
        wait_us = r.wait_us + excluded.wait_us, handoffs = r.handoffs + excluded.handoffs,
        carried = r.carried + excluded.carried;
END
$$;
REVOKE ALL ON FUNCTION baton_rollup_month(date, text[], boolean) FROM PUBLIC;

-- A database migrated with rows has no friction sums yet: every tenant-month with a workflow is marked
-- changed, so the report reads rows (not empty rollups) until the next maintenance pass has
-- filled them (as 0019 does for the coordination rollups).
INSERT INTO rollup_dirty (tenant_id, month)
SELECT DISTINCT tenant_id, opened_month FROM workflows WHERE opened_month IS NOT NULL;

-- Privileges as for task_rollups (0010); row security is in SQL/views/0002_row_security.sql, the
-- projections in SQL/views/0005_handoff_friction_rollups.sql (before the friction function of
-- views/0010, which reads them). DELETE for `baton demo --reset`.
GRANT SELECT, DELETE ON handoff_friction_rollups TO baton_service;
GRANT SELECT ON handoff_friction_rollups TO baton_views;
