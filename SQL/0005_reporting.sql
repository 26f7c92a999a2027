-- Reporting views: the stable surface that Grafana dashboards, anyone with SQL, and Baton's own
-- value report read. They are projections of the tables with friendly units added, so the
-- tables can change behind them. Times are timestamptz (UTC on the wire); durations come both
-- as exact microseconds (`*_us`) and as hours or minutes for people.
CREATE SCHEMA reporting;
-- The same projections without the tenant filter, for Baton's own report (which scopes every
-- statement to one tenant itself): the security barrier the readers' views need would keep
-- PostgreSQL from planning the report's joins well. Readers get no access to this schema.
CREATE SCHEMA report_source;

-- Which tenants a reading role may see. A role that is a member of `baton_reader` sees only the
-- tenants listed for it here ('*' = all); any other role (the application itself) sees all.
CREATE TABLE reporting_reader_tenants (
    role_name  name NOT NULL,
    tenant_id  text NOT NULL,
    PRIMARY KEY (role_name, tenant_id)
);

-- Returns NULL for "every tenant". SECURITY DEFINER so readers need no access to the mapping
-- table; the role is passed in by the view, evaluated as the caller.
CREATE FUNCTION reporting.visible_tenants(reader name) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT CASE
        WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader')
          OR NOT pg_has_role(reader, 'baton_reader', 'MEMBER')
          -- pg_has_role says a superuser is a member of every role; it is not a reader.
          OR (SELECT rolsuper FROM pg_roles WHERE rolname = reader) THEN NULL
        WHEN EXISTS (SELECT 1 FROM public.reporting_reader_tenants WHERE role_name = reader AND tenant_id = '*') THEN NULL
        ELSE COALESCE((SELECT array_agg(tenant_id) FROM public.reporting_reader_tenants WHERE role_name = reader), '{}')
    END
$$;

CREATE VIEW report_source.workflows AS
SELECT w.tenant_id, w.workflow_id, w.effective_opened_at AS opened_at, w.opened_inferred, w.closed_at,
       w.lead_us IS NOT NULL AS closed, COALESCE(w.category, 'unknown') AS category,
       COALESCE(w.severity, 'unknown') AS severity, w.ai_touched, w.ping_pong, w.task_count,
       w.lead_us, w.touch_us, w.wait_us, w.intake_us, w.handoff_wait_us, w.closure_us,
       w.lead_us / 3600000000.0::float8 AS lead_hours, w.touch_us / 3600000000.0::float8 AS touch_hours, w.wait_us / 3600000000.0::float8 AS wait_hours,
       w.intake_us / 3600000000.0::float8 AS intake_hours, w.handoff_wait_us / 3600000000.0::float8 AS handoff_wait_hours,
       w.closure_us / 3600000000.0::float8 AS closure_hours,
       w.touch_us::float8 / NULLIF(w.lead_us, 0) AS flow_efficiency
FROM public.workflows AS w;

CREATE VIEW reporting.workflows WITH (security_barrier) AS
SELECT v.* FROM report_source.workflows AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

CREATE VIEW report_source.tasks AS
SELECT t.tenant_id, t.task_id, t.workflow_id, t.task_type, t.stage, t.tool, t.actor, t.assistant, t.ai_mode,
       t.ai_mode <> 'none' AS ai, t.started_at, t.ended_at, t.context_from,
       (date_part('epoch', t.ended_at - t.started_at) * 1e6)::int8 AS duration_us,
       date_part('epoch', t.ended_at - t.started_at) / 60.0 AS duration_minutes
FROM public.tasks AS t;

CREATE VIEW reporting.tasks WITH (security_barrier) AS
SELECT v.* FROM report_source.tasks AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

-- Handoffs with their latest tag (retagging keeps history; the newest tag counts).
CREATE VIEW report_source.handoffs AS
SELECT h.tenant_id, h.workflow_id, h.to_task_id AS handoff_id, h.kind, h.from_task_id, h.from_tool, h.to_tool,
       COALESCE(h.from_tool, '') || '→' || h.to_tool AS tool_pair, h.from_stage, h.to_stage, h.from_actor,
       h.to_actor, h.handed_at, h.wait_us, h.wait_us / 3600000000.0::float8 AS wait_hours, h.cross_tool, h.ai_boundary,
       h.context_carried, tg.reason AS tag_reason, tg.tagged_at
FROM public.handoffs AS h
LEFT JOIN (
    SELECT DISTINCT ON (tenant_id, workflow_id, to_task_id) tenant_id, workflow_id, to_task_id, reason, tagged_at
    FROM public.handoff_tags
    ORDER BY tenant_id, workflow_id, to_task_id, tagged_at DESC, tag_id DESC
) AS tg ON tg.tenant_id = h.tenant_id AND tg.workflow_id = h.workflow_id AND tg.to_task_id = h.to_task_id;

CREATE VIEW reporting.handoffs WITH (security_barrier) AS
SELECT v.* FROM report_source.handoffs AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

CREATE VIEW report_source.assistants AS
SELECT a.tenant_id, a.name AS assistant, a.tool, a.category, a.archetype, a.rollout_at,
       a.registered_at IS NOT NULL AS registered
FROM public.assistants AS a;

CREATE VIEW reporting.assistants WITH (security_barrier) AS
SELECT v.* FROM report_source.assistants AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

CREATE VIEW report_source.perceptions AS
SELECT p.tenant_id, p.assistant, p.respondent_role, p.rating,
       CASE p.rating WHEN 'none' THEN 0 WHEN 'some' THEN 1 WHEN 'good' THEN 2 WHEN 'excellent' THEN 3 END AS rating_score,
       p.rated_at
FROM public.perceptions AS p;

CREATE VIEW reporting.perceptions WITH (security_barrier) AS
SELECT v.* FROM report_source.perceptions AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

-- The read-only role: SELECT on these views only (no tables, no tokens). Created when the
-- migrating role may create roles; otherwise an administrator runs the same statements.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        BEGIN
            CREATE ROLE baton_reader NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;  -- created concurrently by another database
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'baton_reader not created: this role may not create roles (see Docs/grafana.md)';
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        GRANT USAGE ON SCHEMA reporting TO baton_reader;
        GRANT SELECT ON reporting.workflows, reporting.tasks, reporting.handoffs, reporting.assistants,
            reporting.perceptions TO baton_reader;
        GRANT EXECUTE ON FUNCTION reporting.visible_tenants(name) TO baton_reader;
        INSERT INTO reporting_reader_tenants (role_name, tenant_id) VALUES ('baton_reader', '*')
        ON CONFLICT DO NOTHING;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION reporting.visible_tenants(name) FROM PUBLIC;
