-- Task durations kept as mergeable log-binned histograms per day (issue 23, value-model §10,
-- Docs/metrics.md "Computing at scale: duration histograms", Docs/performance.md "Rollups"), so
-- that a task type's medians over a long period come from rollups instead of rows.
--
-- The bin rule is Swift's `DurationHistogram.bin(of:)`: zero is its own bin, −2³¹; a duration
-- of x ≥ 1 µs is in bin ⌈ln x / ln 1.005⌉. Both sides divide the C library's natural logarithms
-- of the same two doubles and round up, so they agree bit for bit (a test compares them at every
-- bin boundary up to 30 days and on a simulated SOC's durations).
CREATE FUNCTION baton_duration_bin(d int8) RETURNS int4
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN
    CASE WHEN d = 0 THEN -2147483648 ELSE ceil(ln(d::float8) / ln(1.005::float8))::int4 END;

-- Two histograms (bins, counts) merged into the canonical pair: bins ascending, each once, with
-- its summed count, and only positive counts. NULL arrays count as empty; so does a histogram
-- whose arrays differ in length (unnest would pair a bin with NULL), which the tables refuse.
CREATE FUNCTION baton_merge_bins(a_bins int4[], a_counts int8[], b_bins int4[], b_counts int8[],
                                 OUT bins int4[], OUT counts int8[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(s.bin ORDER BY s.bin), '{}'), COALESCE(array_agg(s.n ORDER BY s.bin), '{}')
    FROM (
        SELECT x.bin, sum(x.n)::int8 AS n
        FROM (SELECT * FROM unnest(a_bins, a_counts) UNION ALL SELECT * FROM unnest(b_bins, b_counts)) AS x(bin, n)
        WHERE x.bin IS NOT NULL AND x.n IS NOT NULL
        GROUP BY x.bin
        HAVING sum(x.n) > 0
    ) AS s
$$;

-- Per tenant, day of the workflow's opening (UTC), task type, AI mode, assistant and severity,
-- as task_rollups: the histogram of the ended tasks' durations (report_source.tasks.duration_us),
-- their exact sum, their number, and the number of workflows holding one.
CREATE TABLE task_duration_bins (
    tenant_id    text NOT NULL,
    day          date NOT NULL,
    task_type    text NOT NULL,
    ai_mode      text NOT NULL,
    assistant    text NOT NULL,  -- '' for tasks without one
    severity     text NOT NULL,  -- the workflow's, 'unknown' when it has none
    bins         int4[] NOT NULL,
    counts       int8[] NOT NULL,
    duration_us  bigint NOT NULL,
    tasks        bigint NOT NULL,
    workflows    bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, task_type, ai_mode, assistant, severity),
    CHECK (cardinality(bins) = cardinality(counts))
);

-- Per tenant, day and task type over every AI mode, assistant and severity together: the ended
-- tasks and the workflows holding one. A case belongs to one day, so sums over days are exact, and
-- tasks = workflows over a period says that no case holds two ended tasks of the type there (the
-- rollups' task-level bootstrap is then the rows' case-level one, Docs/metrics.md).
CREATE TABLE task_type_totals (
    tenant_id  text NOT NULL,
    day        date NOT NULL,
    task_type  text NOT NULL,
    tasks      bigint NOT NULL,
    workflows  bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, task_type)
);

-- baton_rollup_month (0010) keeps its name, signature and privileges and now also fills the two
-- tables above: 0010's function, renamed, still computes task_rollups and workflow_rollups, and
-- the new one calls it first, in the same transaction and snapshot.
ALTER FUNCTION baton_rollup_month(date, text[], boolean) RENAME TO baton_rollup_month_sums;

CREATE FUNCTION baton_rollup_month(m date, tenants text[], additive boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM baton_rollup_month_sums(m, tenants, additive);
    IF NOT additive THEN
        DELETE FROM task_duration_bins
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
        DELETE FROM task_type_totals
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    -- The ended tasks, with the duration the report reads (report_source.tasks.duration_us), binned;
    -- then counted per key and bin, and each key's bins gathered in ascending order.
    WITH ended AS (
        SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date AS day, t.task_type, t.ai_mode,
               COALESCE(t.assistant, '') AS assistant, COALESCE(w.severity, 'unknown') AS severity, t.workflow_id,
               (date_part('epoch', t.ended_at - t.started_at) * 1e6)::int8 AS duration_us
        FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
        WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants) AND t.ended_at IS NOT NULL
    ), cells AS (
        SELECT tenant_id, day, task_type, ai_mode, assistant, severity, baton_duration_bin(duration_us) AS bin,
               count(*) AS n
        FROM ended GROUP BY 1, 2, 3, 4, 5, 6, 7
    ), histograms AS (
        SELECT tenant_id, day, task_type, ai_mode, assistant, severity, array_agg(bin ORDER BY bin) AS bins,
               array_agg(n ORDER BY bin) AS counts
        FROM cells GROUP BY 1, 2, 3, 4, 5, 6
    ), sums AS (
        SELECT tenant_id, day, task_type, ai_mode, assistant, severity, sum(duration_us)::int8 AS duration_us,
               count(*) AS tasks, count(DISTINCT workflow_id) AS workflows
        FROM ended GROUP BY 1, 2, 3, 4, 5, 6
    )
    INSERT INTO task_duration_bins AS r (tenant_id, day, task_type, ai_mode, assistant, severity, bins, counts,
                                         duration_us, tasks, workflows)
    SELECT s.tenant_id, s.day, s.task_type, s.ai_mode, s.assistant, s.severity, h.bins, h.counts, s.duration_us,
           s.tasks, s.workflows
    FROM sums AS s JOIN histograms AS h USING (tenant_id, day, task_type, ai_mode, assistant, severity)
    ON CONFLICT (tenant_id, day, task_type, ai_mode, assistant, severity) DO UPDATE SET
        (bins, counts) = (SELECT b.bins, b.counts FROM baton_merge_bins(r.bins, r.counts, excluded.bins, excluded.counts) AS b),
        duration_us = r.duration_us + excluded.duration_us, tasks = r.tasks + excluded.tasks,
        workflows = r.workflows + excluded.workflows;
    INSERT INTO task_type_totals AS r (tenant_id, day, task_type, tasks, workflows)
    SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date, t.task_type, count(*),
           count(DISTINCT t.workflow_id)
    FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants) AND t.ended_at IS NOT NULL
    GROUP BY 1, 2, 3
    ON CONFLICT (tenant_id, day, task_type) DO UPDATE SET
        tasks = r.tasks + excluded.tasks, workflows = r.workflows + excluded.workflows;
END
$$;
REVOKE ALL ON FUNCTION baton_rollup_month(date, text[], boolean) FROM PUBLIC;

-- Privileges as for task_rollups (0010); row security is in SQL/views/0002_row_security.sql, the
-- projections in SQL/views/0060_task_duration_bins.sql. DELETE for `baton demo --reset`.
GRANT SELECT, DELETE ON task_duration_bins, task_type_totals TO baton_service;
GRANT SELECT ON task_duration_bins, task_type_totals TO baton_views;
