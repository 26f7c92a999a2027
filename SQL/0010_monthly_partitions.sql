-- Monthly partitions of tasks and handoffs, by the month their workflow opened (issue 11,
-- Docs/performance.md "Time partitioning and retention").
--
-- The key is the workflow's effective opening month in UTC, not each row's own time: the report,
-- the survey and the exports choose workflows by their opening, so they read only the period's
-- partitions, and retention drops a month of cases whole (a workflow never loses part of its
-- tasks). A workflow's rows all live in one month; when its effective opening moves to another
-- month (its record arrives after its tasks, or an earlier task does), ingest moves them in the
-- same transaction, and the tags follow their handoffs (ON UPDATE CASCADE).
--
-- PostgreSQL has no unique index across partitions, so a task's identity within its tenant,
-- which ingest's idempotence rests on, is kept by the narrow table task_keys.

CREATE FUNCTION baton_month(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN date_trunc('month', at AT TIME ZONE 'UTC')::date;

ALTER TABLE workflows ADD COLUMN opened_month date GENERATED ALWAYS AS (baton_month(effective_opened_at)) STORED;

CREATE TABLE task_keys (
    tenant_id    text NOT NULL,
    task_id      text NOT NULL,
    workflow_id  text NOT NULL,
    PRIMARY KEY (tenant_id, task_id)
);

-- The views over the tables go with them and are made again below; the tables of 0001 stay, renamed,
-- until their rows are copied into the partitioned ones.
DROP VIEW reporting.tasks, reporting.handoffs, report_source.tasks, report_source.handoffs;
ALTER TABLE tasks RENAME TO tasks_0009;
ALTER TABLE handoffs RENAME TO handoffs_0009;
ALTER INDEX tasks_pkey RENAME TO tasks_0009_pkey;
ALTER INDEX tasks_by_workflow RENAME TO tasks_0009_by_workflow;
ALTER INDEX handoffs_pkey RENAME TO handoffs_0009_pkey;
ALTER INDEX handoffs_by_wait RENAME TO handoffs_0009_by_wait;

-- The same columns, defaults and checks as before (LIKE), plus the partition key; keys and
-- foreign keys are declared anew because they must include it or point elsewhere.
CREATE TABLE tasks (
    LIKE tasks_0009 INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    opened_month  date NOT NULL,
    PRIMARY KEY (tenant_id, task_id, opened_month),
    FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows (tenant_id, workflow_id),
    FOREIGN KEY (tenant_id, assistant) REFERENCES assistants (tenant_id, name)
) PARTITION BY RANGE (opened_month);

CREATE TABLE handoffs (
    LIKE handoffs_0009 INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    opened_month  date NOT NULL,
    PRIMARY KEY (tenant_id, workflow_id, to_task_id, opened_month),
    FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows (tenant_id, workflow_id) ON DELETE CASCADE
) PARTITION BY RANGE (opened_month);

-- Creates the month partitions of tasks and handoffs that do not exist yet, as the tables' owner.
-- Ingest calls it in a statement of its own when a batch needs a new month, and `baton serve`
-- ahead of time. Creating a partition locks the parents and the tables they
-- reference; an ingest transaction locks them in another order, so the creator first takes the
-- advisory lock 'baton partitions' exclusively, which every ingest transaction holds shared from
-- before its first write: it waits for the batches in flight, and new ones wait for it, holding
-- nothing. Only months are taken from the caller; the names are made here.
CREATE FUNCTION baton_ensure_partitions(months date[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    m date;
    created integer := 0;
    parent text;
BEGIN
    FOREACH m IN ARRAY (SELECT COALESCE(array_agg(DISTINCT date_trunc('month', x)::date), '{}') FROM unnest(months) AS x
                        WHERE x IS NOT NULL) LOOP
        IF to_regclass(format('public.tasks_%s', to_char(m, '"y"YYYY"m"MM'))) IS NOT NULL
           AND to_regclass(format('public.handoffs_%s', to_char(m, '"y"YYYY"m"MM'))) IS NOT NULL THEN
            CONTINUE;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('baton partitions', 0));
        FOREACH parent IN ARRAY ARRAY['tasks', 'handoffs'] LOOP
            IF to_regclass(format('public.%s_%s', parent, to_char(m, '"y"YYYY"m"MM'))) IS NULL THEN
                BEGIN
                    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
                                   parent || '_' || to_char(m, '"y"YYYY"m"MM'), parent, m,
                                   (m + interval '1 month')::date);
                    created := created + 1;
                EXCEPTION
                    -- Made by the creator this one waited for: an advisory lock does not refresh
                    -- this session's view of the catalog, so the check above can miss it.
                    WHEN duplicate_table THEN NULL;
                END;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END
$$;
REVOKE ALL ON FUNCTION baton_ensure_partitions(date[]) FROM PUBLIC;

-- The month a partition of tasks or handoffs holds, from its name (`tasks_y2026m03`); NULL for
-- any other name, so that it is safe wherever the planner evaluates it.
CREATE FUNCTION baton_partition_month(relname name) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    CASE WHEN relname ~ '^(tasks|handoffs)_y[0-9]{4}m[0-9]{2}$' THEN to_date(right(relname, 7), 'YYYY"m"MM') END;

-- Of the given months, those whose partitions are missing (ingest checks inside its transaction
-- and, should one be missing, creates it with baton_ensure_partitions outside and runs again).
CREATE FUNCTION baton_missing_months(months date[]) RETURNS SETOF date
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT DISTINCT m FROM unnest(months) AS m
    WHERE to_regclass(format('public.tasks_%s', to_char(m, '"y"YYYY"m"MM'))) IS NULL
       OR to_regclass(format('public.handoffs_%s', to_char(m, '"y"YYYY"m"MM'))) IS NULL
$$;

SELECT baton_ensure_partitions(COALESCE(array_agg(DISTINCT opened_month), '{}'))
FROM workflows WHERE opened_month IS NOT NULL;

INSERT INTO tasks SELECT t.*, w.opened_month FROM tasks_0009 AS t JOIN workflows AS w USING (tenant_id, workflow_id);
INSERT INTO task_keys (tenant_id, task_id, workflow_id) SELECT tenant_id, task_id, workflow_id FROM tasks_0009;

INSERT INTO handoffs SELECT h.*, w.opened_month FROM handoffs_0009 AS h JOIN workflows AS w USING (tenant_id, workflow_id);

ALTER TABLE handoff_tags ADD COLUMN opened_month date;
UPDATE handoff_tags AS g SET opened_month = w.opened_month
FROM workflows AS w WHERE w.tenant_id = g.tenant_id AND w.workflow_id = g.workflow_id;
ALTER TABLE handoff_tags ALTER COLUMN opened_month SET NOT NULL;
ALTER TABLE handoff_tags DROP CONSTRAINT handoff_tags_tenant_id_workflow_id_to_task_id_fkey;

DROP TABLE handoffs_0009;
DROP TABLE tasks_0009;
CREATE INDEX tasks_by_workflow ON tasks (tenant_id, workflow_id);
CREATE INDEX handoffs_by_wait ON handoffs (tenant_id, wait_us DESC);

-- A tag follows its handoff through recomputation and moves with it to another month.
ALTER TABLE handoff_tags ADD FOREIGN KEY (tenant_id, workflow_id, to_task_id, opened_month)
    REFERENCES handoffs (tenant_id, workflow_id, to_task_id, opened_month) ON DELETE CASCADE ON UPDATE CASCADE;
-- Retention deletes a month's tags before it detaches the month's handoffs.
CREATE INDEX handoff_tags_by_month ON handoff_tags (opened_month);

-- Per tenant, day of the workflow's opening (UTC), assistant, task type and AI mode: what stays
-- of a month after retention drops its rows, and what dashboards can read over long ranges.
-- Written by `baton serve`'s maintenance service (Docs/performance.md).
CREATE TABLE task_rollups (
    tenant_id          text NOT NULL,
    day                date NOT NULL,
    assistant          text NOT NULL,  -- '' for tasks without one
    task_type          text NOT NULL,
    ai_mode            text NOT NULL,
    severity           text NOT NULL,  -- the workflow's, 'unknown' when it has none
    tasks              bigint NOT NULL,
    ended_tasks        bigint NOT NULL,
    duration_us        bigint NOT NULL,  -- sum over ended tasks
    workflows          bigint NOT NULL,  -- distinct workflows these tasks belong to
    PRIMARY KEY (tenant_id, day, assistant, task_type, ai_mode, severity)
);

-- Per tenant, day of opening (UTC), severity and whether AI touched the case: the workflow-level
-- figures of value-model section 2, as counts and sums.
CREATE TABLE workflow_rollups (
    tenant_id          text NOT NULL,
    day                date NOT NULL,
    severity           text NOT NULL,
    ai_touched         boolean NOT NULL,
    workflows          bigint NOT NULL,
    closed             bigint NOT NULL,
    lead_us            bigint NOT NULL,  -- sums over closed workflows
    touch_us           bigint NOT NULL,
    wait_us            bigint NOT NULL,
    intake_us          bigint NOT NULL,
    handoff_wait_us    bigint NOT NULL,
    closure_us         bigint NOT NULL,
    handoffs           bigint NOT NULL,  -- kind 'handoff' in closed workflows
    cross_tool_handoffs bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, severity, ai_touched)
);

-- Months whose rows retention drops: their rollups are all that is left, and are no longer
-- recomputed from rows. `cleared` turns true once the month's rows are gone; rows arriving later
-- for such a month are added to its rollups (not recomputed) before they are dropped in turn.
CREATE TABLE retired_months (
    month       date PRIMARY KEY,
    retired_at  timestamptz NOT NULL DEFAULT now(),
    cleared     boolean NOT NULL DEFAULT false
);

-- The tenant-months whose rows changed since their rollups were computed: ingest appends one row
-- per month a batch wrote (no key, so concurrent batches never wait on each other), and the
-- maintenance service deletes the rows it has seen in the transaction that recomputes those
-- months, so a batch that commits later leaves its rows for the next pass.
CREATE TABLE rollup_dirty (
    tenant_id  text NOT NULL,
    month      date NOT NULL
);
-- Retention selects workflows by month across tenants.
CREATE INDEX workflows_by_month ON workflows (opened_month);

-- The rollups of one month of the given tenants, from their rows: replacing what the rollups
-- held for that month, or (`additive`, for rows that arrived after the month was retired) added.
CREATE FUNCTION baton_rollup_month(m date, tenants text[], additive boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT additive THEN
        DELETE FROM task_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
        DELETE FROM workflow_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    INSERT INTO task_rollups AS r (tenant_id, day, assistant, task_type, ai_mode, severity, tasks, ended_tasks,
                                   duration_us, workflows)
    SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date, COALESCE(t.assistant, ''), t.task_type,
           t.ai_mode, COALESCE(w.severity, 'unknown'), count(*), count(t.ended_at),
           COALESCE(sum((date_part('epoch', t.ended_at - t.started_at) * 1e6)::int8), 0),
           count(DISTINCT t.workflow_id)
    FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants)
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, assistant, task_type, ai_mode, severity) DO UPDATE SET
        tasks = r.tasks + excluded.tasks, ended_tasks = r.ended_tasks + excluded.ended_tasks,
        duration_us = r.duration_us + excluded.duration_us, workflows = r.workflows + excluded.workflows;
    INSERT INTO workflow_rollups AS r (tenant_id, day, severity, ai_touched, workflows, closed, lead_us, touch_us,
                                       wait_us, intake_us, handoff_wait_us, closure_us, handoffs, cross_tool_handoffs)
    SELECT w.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date, COALESCE(w.severity, 'unknown'),
           w.ai_touched, count(*), count(w.lead_us), COALESCE(sum(w.lead_us), 0),
           COALESCE(sum(w.touch_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.wait_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.intake_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.handoff_wait_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.closure_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(h.handoffs) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(h.cross_tool) FILTER (WHERE w.lead_us IS NOT NULL), 0)
    FROM workflows AS w
    LEFT JOIN (
        SELECT tenant_id, workflow_id, count(*) FILTER (WHERE kind = 'handoff') AS handoffs,
               count(*) FILTER (WHERE kind = 'handoff' AND cross_tool) AS cross_tool
        FROM handoffs WHERE opened_month = m AND tenant_id = ANY (tenants) GROUP BY 1, 2
    ) AS h ON h.tenant_id = w.tenant_id AND h.workflow_id = w.workflow_id
    WHERE w.opened_month = m AND w.tenant_id = ANY (tenants)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (tenant_id, day, severity, ai_touched) DO UPDATE SET
        workflows = r.workflows + excluded.workflows, closed = r.closed + excluded.closed,
        lead_us = r.lead_us + excluded.lead_us, touch_us = r.touch_us + excluded.touch_us,
        wait_us = r.wait_us + excluded.wait_us, intake_us = r.intake_us + excluded.intake_us,
        handoff_wait_us = r.handoff_wait_us + excluded.handoff_wait_us, closure_us = r.closure_us + excluded.closure_us,
        handoffs = r.handoffs + excluded.handoffs, cross_tool_handoffs = r.cross_tool_handoffs + excluded.cross_tool_handoffs;
END
$$;
REVOKE ALL ON FUNCTION baton_rollup_month(date, text[], boolean) FROM PUBLIC;

-- The projections as before, with the partition key, so that readers can prune by it.
CREATE VIEW report_source.tasks AS
SELECT t.tenant_id, t.task_id, t.workflow_id, t.task_type, t.stage, t.tool, t.actor, t.assistant, t.ai_mode,
       t.ai_mode <> 'none' AS ai, t.started_at, t.ended_at, t.context_from,
       (date_part('epoch', t.ended_at - t.started_at) * 1e6)::int8 AS duration_us,
       date_part('epoch', t.ended_at - t.started_at) / 60.0 AS duration_minutes,
       t.opened_month
FROM public.tasks AS t;

CREATE VIEW reporting.tasks WITH (security_barrier) AS
SELECT v.* FROM report_source.tasks AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

CREATE VIEW report_source.handoffs AS
SELECT h.tenant_id, h.workflow_id, h.to_task_id AS handoff_id, h.kind, h.from_task_id, h.from_tool, h.to_tool,
       COALESCE(h.from_tool, '') || '→' || h.to_tool AS tool_pair, h.from_stage, h.to_stage, h.from_actor,
       h.to_actor, h.handed_at, h.wait_us, h.wait_us / 3600000000.0::float8 AS wait_hours, h.cross_tool, h.ai_boundary,
       h.context_carried, h.tag_reason, h.tagged_at, h.opened_month
FROM public.handoffs AS h;

CREATE VIEW reporting.handoffs WITH (security_barrier) AS
SELECT v.* FROM report_source.handoffs AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

CREATE VIEW report_source.task_rollups AS SELECT * FROM public.task_rollups;
CREATE VIEW reporting.task_rollups WITH (security_barrier) AS
SELECT v.* FROM report_source.task_rollups AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

CREATE VIEW report_source.workflow_rollups AS SELECT * FROM public.workflow_rollups;
CREATE VIEW reporting.workflow_rollups WITH (security_barrier) AS
SELECT v.* FROM report_source.workflow_rollups AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

-- Privileges and row security as in 0007 for the new tables. Partitions get no grants: the
-- service reaches rows through the parents only, where the policies apply.
GRANT SELECT, INSERT, UPDATE, DELETE ON tasks, handoffs, task_keys TO baton_service;
GRANT SELECT, INSERT, DELETE ON rollup_dirty TO baton_service;
-- DELETE for `baton demo --reset`, which empties one tenant (row security keeps it to that tenant).
GRANT SELECT, DELETE ON task_rollups, workflow_rollups TO baton_service;
GRANT SELECT ON tasks, handoffs, task_rollups, workflow_rollups TO baton_views;
ALTER VIEW report_source.tasks OWNER TO baton_views;
ALTER VIEW report_source.handoffs OWNER TO baton_views;
ALTER VIEW report_source.task_rollups OWNER TO baton_views;
ALTER VIEW report_source.workflow_rollups OWNER TO baton_views;
GRANT SELECT ON ALL TABLES IN SCHEMA report_source TO baton_service;
GRANT SELECT ON ALL TABLES IN SCHEMA report_source TO CURRENT_USER;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tasks', 'handoffs', 'task_keys', 'task_rollups', 'workflow_rollups', 'rollup_dirty'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_rows ON %I TO baton_service '
            'USING (tenant_id = current_setting(''baton.tenant'', true)) '
            'WITH CHECK (tenant_id = current_setting(''baton.tenant'', true))', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['tasks', 'handoffs', 'task_rollups', 'workflow_rollups'] LOOP
        EXECUTE format(
            'CREATE POLICY views_rows ON %I FOR SELECT TO baton_views '
            'USING (CASE WHEN current_user = ''baton_service'' '
            'THEN tenant_id = current_setting(''baton.tenant'', true) ELSE true END)', t);
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        GRANT SELECT ON reporting.tasks, reporting.handoffs, reporting.task_rollups, reporting.workflow_rollups
            TO baton_reader;
    END IF;
END
$$;
