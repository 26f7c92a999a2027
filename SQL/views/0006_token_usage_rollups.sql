-- The token sums (migration 0021, Docs/performance.md "Rollups") as the report and Grafana read
-- them, like task_duration_bins' (0060): report_source.* is owned by baton_views, so row security
-- confines it to the transaction's tenant when the service reads it; reporting.* shows a reader
-- the tenants its role may see.
CREATE OR REPLACE VIEW report_source.token_usage_rollups AS
SELECT r.tenant_id, r.day, r.task_day, r.assistant, r.provider, r.model, r.ai_tasks, r.tasks_with_tokens,
       r.input_tokens, r.output_tokens
FROM public.token_usage_rollups AS r;

ALTER VIEW report_source.token_usage_rollups OWNER TO baton_views;
GRANT SELECT ON report_source.token_usage_rollups TO baton_service;
GRANT SELECT ON report_source.token_usage_rollups TO CURRENT_USER;

CREATE OR REPLACE VIEW reporting.token_usage_rollups WITH (security_barrier) AS
SELECT v.* FROM report_source.token_usage_rollups AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        GRANT SELECT ON reporting.token_usage_rollups TO baton_reader;
    END IF;
END
$$;
