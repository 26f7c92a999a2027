-- The task duration histograms and per-type totals (migration 0018, Docs/performance.md
-- "Rollups") as the report and Grafana read them, like task_rollups' (migration 0010):
-- report_source.* is owned by baton_views, so row security confines it to the transaction's
-- tenant when the service reads it; reporting.* shows a reader the tenants its role may see.
CREATE OR REPLACE VIEW report_source.task_duration_bins AS
SELECT b.tenant_id, b.day, b.task_type, b.ai_mode, b.assistant, b.severity, b.bins, b.counts, b.duration_us, b.tasks,
       b.workflows
FROM public.task_duration_bins AS b;

CREATE OR REPLACE VIEW report_source.task_type_totals AS
SELECT t.tenant_id, t.day, t.task_type, t.tasks, t.workflows
FROM public.task_type_totals AS t;

ALTER VIEW report_source.task_duration_bins OWNER TO baton_views;
ALTER VIEW report_source.task_type_totals OWNER TO baton_views;
GRANT SELECT ON report_source.task_duration_bins, report_source.task_type_totals TO baton_service;
GRANT SELECT ON report_source.task_duration_bins, report_source.task_type_totals TO CURRENT_USER;

CREATE OR REPLACE VIEW reporting.task_duration_bins WITH (security_barrier) AS
SELECT v.* FROM report_source.task_duration_bins AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

CREATE OR REPLACE VIEW reporting.task_type_totals WITH (security_barrier) AS
SELECT v.* FROM report_source.task_type_totals AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        GRANT SELECT ON reporting.task_duration_bins, reporting.task_type_totals TO baton_reader;
    END IF;
END
$$;
