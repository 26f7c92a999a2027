-- The coordination matrix's aggregates (value-model §8) kept per day (issue 23, value-model §10,
-- Docs/coordination.md, Docs/performance.md "Rollups"), so that a long period's matrix is read
-- from rollups instead of every handoff row (CoordinationInputReader's statement).
--
-- One row per tenant, day of the workflow's opening (UTC, workflows.effective_opened_at, as
-- task_duration_bins) and group. `grouped_by` names the group the statement forms and which of
-- side_a and side_b are sides; a side is the assistant, or '' for human work (assistant names are
-- never empty). A column that is not a side of the group holds '' (a sentinel, never read):
--   'from-to'      handoffs (kind 'handoff', with a from side): side_a from, side_b to;
--   'producer-to'  links (lineage 'linked', with a producer side): side_a producer, side_b to;
--   'to'           every row with a to side: side_b to (duplicate_us);
--   'first-to'     the `duplicates` column parsed: side_a the earlier worker, side_b to;
--   'all'          every row: the overall counts.
-- A row whose to-task has an AI mode but no assistant has no to side; the statement leaves it out
-- of every group but the overall one, and so does this table.
--
-- Every column is a count or a sum, so days add up exactly. The waits are kept as histograms in
-- the form of task_duration_bins (baton_duration_bin, γ = 1.005): `wait_us` of the 'from-to'
-- handoffs (never NULL, never negative: handoffs' CHECK) and `lineage_wait_us` of the
-- 'producer-to' links that have one (NULL while the producer has not ended; the statement leaves
-- those out of the median too). `ai_tasks_consumed` counts distinct (workflow, producer task)
-- within a day; a workflow belongs to one day, so distinct over a period is the sum over its days.
CREATE TABLE coordination_rollups (
    tenant_id           text NOT NULL,
    day                 date NOT NULL,
    grouped_by          text NOT NULL CHECK (grouped_by IN ('from-to', 'producer-to', 'to', 'first-to', 'all')),
    side_a              text NOT NULL,
    side_b              text NOT NULL,
    handoffs            bigint NOT NULL DEFAULT 0,
    wait_us             bigint NOT NULL DEFAULT 0,
    context_carried     bigint NOT NULL DEFAULT 0,
    uncarried_wait_us   bigint NOT NULL DEFAULT 0,
    regathered          bigint NOT NULL DEFAULT 0,
    regathered_wait_us  bigint NOT NULL DEFAULT 0,
    reworked            bigint NOT NULL DEFAULT 0,
    broken_links        bigint NOT NULL DEFAULT 0,
    links               bigint NOT NULL DEFAULT 0,
    link_regathered     bigint NOT NULL DEFAULT 0,
    link_reworked       bigint NOT NULL DEFAULT 0,
    duplicate_us        bigint NOT NULL DEFAULT 0,
    other_case_links    bigint NOT NULL DEFAULT 0,
    cycle_links         bigint NOT NULL DEFAULT 0,
    ai_tasks            bigint NOT NULL DEFAULT 0,
    ai_tasks_consumed   bigint NOT NULL DEFAULT 0,
    bins                int4[] NOT NULL DEFAULT '{}',
    counts              int8[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, day, grouped_by, side_a, side_b),
    CHECK (cardinality(bins) = cardinality(counts))
);

-- The coordination rollups of one month of the given tenants, from their rows: replacing what
-- the table held for that month, or (`additive`) added, histograms merged bin by bin. The groups
-- and filters are CoordinationInputReader's, row for row (a test compares the two on a simulated SOC).
CREATE FUNCTION baton_rollup_coordination_month(m date, tenants text[], additive boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT additive THEN
        DELETE FROM coordination_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    WITH h AS MATERIALIZED (
        SELECT h.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date AS day, h.kind, h.wait_us,
               h.context_carried, h.tag_reason, h.regathered, h.link_regathered, h.lineage, h.lineage_wait_us,
               h.duplicate_us, h.duplicates, h.workflow_id, h.producer_task_id, h.to_ai_mode,
               CASE WHEN h.from_ai_mode IS NULL THEN NULL WHEN h.from_ai_mode = 'none' THEN ''
                    ELSE h.from_assistant END AS fs,
               CASE WHEN h.to_ai_mode = 'none' THEN '' ELSE h.to_assistant END AS ts,
               CASE WHEN h.producer_ai_mode IS NULL THEN NULL WHEN h.producer_ai_mode = 'none' THEN ''
                    ELSE h.producer_assistant END AS ps
        FROM handoffs AS h JOIN workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
        WHERE h.opened_month = m AND w.opened_month = m AND h.tenant_id = ANY (tenants)
          AND w.effective_opened_at IS NOT NULL
    ), ho AS (
        SELECT * FROM h WHERE kind = 'handoff' AND fs IS NOT NULL AND ts IS NOT NULL
    ), li AS (
        SELECT * FROM h WHERE lineage = 'linked' AND ps IS NOT NULL AND ts IS NOT NULL
    ), ho_bins AS (
        SELECT tenant_id, day, fs, ts, array_agg(bin ORDER BY bin) AS bins, array_agg(n ORDER BY bin) AS counts
        FROM (SELECT tenant_id, day, fs, ts, baton_duration_bin(wait_us) AS bin, count(*) AS n FROM ho GROUP BY 1, 2, 3, 4, 5) AS c
        GROUP BY 1, 2, 3, 4
    ), li_bins AS (
        SELECT tenant_id, day, ps, ts, array_agg(bin ORDER BY bin) AS bins, array_agg(n ORDER BY bin) AS counts
        FROM (SELECT tenant_id, day, ps, ts, baton_duration_bin(lineage_wait_us) AS bin, count(*) AS n
              FROM li WHERE lineage_wait_us IS NOT NULL GROUP BY 1, 2, 3, 4, 5) AS c
        GROUP BY 1, 2, 3, 4
    ), ho_sums AS (
        SELECT tenant_id, day, fs, ts, count(*) AS handoffs, sum(wait_us)::int8 AS wait_us,
               count(*) FILTER (WHERE context_carried) AS context_carried,
               COALESCE(sum(wait_us) FILTER (WHERE NOT context_carried), 0)::int8 AS uncarried_wait_us,
               count(*) FILTER (WHERE regathered OR tag_reason = 'context-regathering') AS regathered,
               COALESCE(sum(wait_us) FILTER (WHERE regathered OR tag_reason = 'context-regathering'), 0)::int8
                   AS regathered_wait_us,
               count(*) FILTER (WHERE tag_reason = 'ai-output-rework') AS reworked,
               count(*) FILTER (WHERE fs <> '' AND lineage IS DISTINCT FROM 'linked') AS broken_links
        FROM ho GROUP BY 1, 2, 3, 4
    ), li_sums AS (
        SELECT tenant_id, day, ps, ts, count(*) AS links,
               count(*) FILTER (WHERE link_regathered OR tag_reason = 'context-regathering') AS link_regathered,
               count(*) FILTER (WHERE tag_reason = 'ai-output-rework') AS link_reworked
        FROM li GROUP BY 1, 2, 3, 4
    ), first_to AS (
        -- HandoffColumns.duplicates: [[side, microseconds], …], a side that is not a string is human.
        SELECT h.tenant_id, h.day, CASE WHEN jsonb_typeof(e.pair -> 0) = 'string' THEN e.pair ->> 0 ELSE '' END AS first,
               h.ts, sum(trunc((e.pair ->> 1)::numeric))::int8 AS us
        FROM h, jsonb_array_elements(CASE WHEN jsonb_typeof(h.duplicates) = 'array' THEN h.duplicates END) AS e(pair)
        WHERE h.ts IS NOT NULL AND jsonb_typeof(e.pair) = 'array' AND jsonb_array_length(e.pair) = 2
          AND jsonb_typeof(e.pair -> 1) = 'number' AND trunc((e.pair ->> 1)::numeric) > 0
        GROUP BY 1, 2, 3, 4
    )
    INSERT INTO coordination_rollups AS r (tenant_id, day, grouped_by, side_a, side_b, handoffs, wait_us, context_carried,
                                           uncarried_wait_us, regathered, regathered_wait_us, reworked, broken_links,
                                           links, link_regathered, link_reworked, duplicate_us, other_case_links,
                                           cycle_links, ai_tasks, ai_tasks_consumed, bins, counts)
    SELECT s.tenant_id, s.day, 'from-to', s.fs, s.ts, s.handoffs, s.wait_us, s.context_carried, s.uncarried_wait_us,
           s.regathered, s.regathered_wait_us, s.reworked, s.broken_links, 0, 0, 0, 0, 0, 0, 0, 0, b.bins, b.counts
    FROM ho_sums AS s JOIN ho_bins AS b USING (tenant_id, day, fs, ts)
    UNION ALL
    SELECT s.tenant_id, s.day, 'producer-to', s.ps, s.ts, 0, 0, 0, 0, 0, 0, 0, 0, s.links, s.link_regathered,
           s.link_reworked, 0, 0, 0, 0, 0, COALESCE(b.bins, '{}'), COALESCE(b.counts, '{}')
    FROM li_sums AS s LEFT JOIN li_bins AS b USING (tenant_id, day, ps, ts)
    UNION ALL
    SELECT tenant_id, day, 'to', '', ts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(duplicate_us)::int8, 0, 0, 0, 0, '{}', '{}'
    FROM h WHERE ts IS NOT NULL AND duplicate_us > 0 GROUP BY tenant_id, day, ts
    UNION ALL
    SELECT tenant_id, day, 'first-to', first, ts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, us, 0, 0, 0, 0, '{}', '{}'
    FROM first_to
    UNION ALL
    SELECT tenant_id, day, 'all', '', '', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           count(*) FILTER (WHERE lineage = 'other-case'), count(*) FILTER (WHERE lineage = 'cycle'),
           count(*) FILTER (WHERE to_ai_mode <> 'none'),
           count(DISTINCT (workflow_id, producer_task_id)) FILTER (WHERE lineage = 'linked' AND ps <> ''), '{}', '{}'
    FROM h GROUP BY tenant_id, day
    ON CONFLICT (tenant_id, day, grouped_by, side_a, side_b) DO UPDATE SET
        handoffs = r.handoffs + excluded.handoffs, wait_us = r.wait_us + excluded.wait_us,
        context_carried = r.context_carried + excluded.context_carried,
        uncarried_wait_us = r.uncarried_wait_us + excluded.uncarried_wait_us,
        regathered = r.regathered + excluded.regathered,
        regathered_wait_us = r.regathered_wait_us + excluded.regathered_wait_us,
        reworked = r.reworked + excluded.reworked, broken_links = r.broken_links + excluded.broken_links,
        links = r.links + excluded.links, link_regathered = r.link_regathered + excluded.link_regathered,
        link_reworked = r.link_reworked + excluded.link_reworked, duplicate_us = r.duplicate_us + excluded.duplicate_us,
        other_case_links = r.other_case_links + excluded.other_case_links,
        cycle_links = r.cycle_links + excluded.cycle_links, ai_tasks = r.ai_tasks + excluded.ai_tasks,
        ai_tasks_consumed = r.ai_tasks_consumed + excluded.ai_tasks_consumed,
        (bins, counts) = (SELECT b.bins, b.counts FROM baton_merge_bins(r.bins, r.counts, excluded.bins, excluded.counts) AS b);
END
$$;
REVOKE ALL ON FUNCTION baton_rollup_coordination_month(date, text[], boolean) FROM PUBLIC;

-- baton_rollup_month (0010, 0018) keeps its name, signature and privileges and now also fills
-- coordination_rollups: 0018's function is replaced by one that calls both in the same
-- transaction and snapshot. (0018's body is restated here, not renamed again, so that one
-- function keeps the task statements; baton_rollup_month_sums is 0010's.)
ALTER FUNCTION baton_rollup_month(date, text[], boolean) RENAME TO baton_rollup_month_durations;

CREATE FUNCTION baton_rollup_month(m date, tenants text[], additive boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM baton_rollup_month_durations(m, tenants, additive);
    PERFORM baton_rollup_coordination_month(m, tenants, additive);
END
$$;
REVOKE ALL ON FUNCTION baton_rollup_month(date, text[], boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION baton_rollup_month_durations(date, text[], boolean) FROM PUBLIC;

-- A database migrated with rows has no coordination rollups yet: every tenant-month with a
-- workflow is marked changed, so the report reads rows (not empty rollups) until the next
-- maintenance pass has filled them.
INSERT INTO rollup_dirty (tenant_id, month)
SELECT DISTINCT tenant_id, opened_month FROM workflows WHERE opened_month IS NOT NULL;

-- Privileges as for task_duration_bins (0018); row security is in SQL/views/0002_row_security.sql,
-- the projections in SQL/views/0070_coordination_rollups.sql. DELETE for `baton demo --reset`.
GRANT SELECT, DELETE ON coordination_rollups TO baton_service;
GRANT SELECT ON coordination_rollups TO baton_views;
