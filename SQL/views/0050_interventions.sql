-- The recorded interventions (migration 0015, Docs/interventions.md) as the report and Grafana
-- read them. report_source.interventions is owned by baton_views like the other projections
-- (migration 0007), so row security confines it to the transaction's tenant when the service reads
-- it; reporting.interventions shows a reader the tenants its role may see, for the dashboards'
-- annotations. Who recorded a change (a token id) is not in the reporting view.
CREATE OR REPLACE VIEW report_source.interventions AS
SELECT i.tenant_id, i.intervention_id, i.effective_at, i.target_kind, i.target, i.description, i.created_by,
       i.created_at
FROM public.interventions AS i;

ALTER VIEW report_source.interventions OWNER TO baton_views;
GRANT SELECT ON report_source.interventions TO baton_service;
GRANT SELECT ON report_source.interventions TO CURRENT_USER;

CREATE OR REPLACE VIEW reporting.interventions WITH (security_barrier) AS
SELECT v.tenant_id, v.intervention_id, v.effective_at, v.target_kind, v.target, v.description, v.created_at
FROM report_source.interventions AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);

-- Grafana's annotations (Dashboards/, Docs/grafana.md): one per intervention dated in [p_from, p_to),
-- at its date, its text naming the change and its target, tagged with the target's kind.
CREATE OR REPLACE FUNCTION reporting.intervention_annotations(p_tenant text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE ("time" timestamptz, text text, tags text[])
LANGUAGE sql STABLE AS $$
SELECT i.effective_at, '#' || i.intervention_id || ' ' || i.description || ' (' || i.target_kind || ' ' || i.target || ')',
       ARRAY['intervention', i.target_kind]
FROM reporting.interventions AS i
WHERE i.tenant_id = p_tenant AND i.effective_at >= p_from AND i.effective_at < p_to
ORDER BY i.effective_at, i.intervention_id
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader') THEN
        GRANT SELECT ON reporting.interventions TO baton_reader;
        GRANT EXECUTE ON FUNCTION reporting.intervention_annotations(text, timestamptz, timestamptz) TO baton_reader;
    END IF;
END
$$;
