-- The coordination rollups (migration 0019, Docs/performance.md "Rollups") as the report and
-- Grafana read them, like task_duration_bins' (0060): report_source.* is owned by baton_views, so
-- row security confines it to the transaction's tenant when the service reads it; reporting.*
-- shows a reader the tenants its role may see.
CREATE OR REPLACE VIEW report_source.coordination_rollups AS
SELECT c.tenant_id, c.day, c.grouped_by, c.side_a, c.side_b, c.handoffs, c.wait_us, c.context_carried,
       c.uncarried_wait_us, c.regathered, c.regathered_wait_us, c.reworked, c.broken_links, c.links,
       c.link_regathered, c.link_reworked, c.duplicate_us, c.other_case_links, c.cycle_links, c.ai_tasks,
       c.ai_tasks_consumed, c.bins, c.counts
FROM public.coordination_rollups AS c;

ALTER VIEW report_source.coordination_rollups OWNER TO baton_views;
GRANT SELECT ON report_source.coordination_rollups TO baton_service;
GRANT SELECT ON report_source.coordination_rollups TO CURRENT_USER;

CREATE OR REPLACE VIEW reporting.coordination_rollups WITH (security_barrier) AS
SELECT v.* FROM report_source.coordination_rollups AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        GRANT SELECT ON reporting.coordination_rollups TO baton_reader;
    END IF;
END
$$;
