-- Row-level security of every tenant table, defined here once (migrations 0007 and 0010 each
-- created policies for the tables they made). Re-created as a whole, in the migration's
-- transaction, so a table added later needs one more name in a list below, not a new loop.
--   tenant_rows: baton_service reads, writes and keeps only the rows of the tenant named in
--                `baton.tenant` (set per transaction by the store);
--   views_rows:  the projections in report_source run as their owner baton_views; when the
--                session is baton_service they still see only that tenant's rows.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'api_tokens', 'assistants', 'workflows', 'tasks', 'handoffs',
                             'handoff_tags', 'perceptions', 'task_keys', 'task_rollups', 'workflow_rollups',
                             'rollup_dirty', 'experiments', 'experiment_assignments', 'token_prices',
                             'interventions', 'task_duration_bins', 'task_type_totals',
                             'coordination_rollups', 'handoff_friction_rollups', 'token_usage_rollups',
                             'data_generations'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('DROP POLICY IF EXISTS tenant_rows ON %I', t);
        EXECUTE format(
            'CREATE POLICY tenant_rows ON %I TO baton_service '
            'USING (tenant_id = current_setting(''baton.tenant'', true)) '
            'WITH CHECK (tenant_id = current_setting(''baton.tenant'', true))', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['assistants', 'workflows', 'tasks', 'handoffs', 'handoff_tags', 'perceptions',
                             'task_rollups', 'workflow_rollups', 'experiments', 'experiment_assignments',
                             'token_prices', 'interventions', 'task_duration_bins', 'task_type_totals',
                             'coordination_rollups', 'handoff_friction_rollups', 'token_usage_rollups'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS views_rows ON %I', t);
        EXECUTE format(
            'CREATE POLICY views_rows ON %I FOR SELECT TO baton_views '
            'USING (CASE WHEN current_user = ''baton_service'' '
            'THEN tenant_id = current_setting(''baton.tenant'', true) ELSE true END)', t);
    END LOOP;
END
$$;
