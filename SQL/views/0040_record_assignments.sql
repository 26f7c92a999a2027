-- The statement every assignment runs (POST /v1/assignments, Docs/experiments.md), as a function
-- so that one round trip does what a tenant transaction does in four (BEGIN, entering the tenant,
-- the statement, COMMIT): an assignment is in the calling tool's critical path.
--
-- It enters the tenant itself, as every tenant transaction does first (PostgresDatabase
-- .enterTenant): the rest of the call runs as baton_service, which row security confines to the
-- tenant's rows, and the statement names the tenant in every table it reads as well. Both
-- settings are local to the transaction: called on its own, the call is its transaction and they
-- end with it; called inside a transaction of the same tenant, they are the ones it already has.
--
-- It inserts the first asks of the experiments that still run and reads back every asked case's
-- stored arm and time (the rows inserted now from RETURNING, the older ones by one primary-key
-- probe per case: LATERAL … OFFSET 0 keeps the generic plan from hashing the whole table), and
-- says per case whether its experiment still runs.
CREATE OR REPLACE FUNCTION public.baton_record_assignments(
    tenant text, workflow_ids text[], experiment_names text[], arms text[]
)
RETURNS TABLE (experiment text, workflow_id text, arm text, assigned_us int8, live boolean)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('role', 'baton_service', true), set_config('baton.tenant', tenant, true);
    RETURN QUERY
    WITH req AS (
        SELECT * FROM unnest(workflow_ids, experiment_names, arms) AS r(workflow_id, experiment, arm)
    ), live AS (
        SELECT e.name FROM experiments AS e
        WHERE e.tenant_id = tenant AND e.name IN (SELECT DISTINCT req.experiment FROM req)
          AND e.stopped_at IS NULL AND e.starts_at <= now() AND (e.ends_at IS NULL OR e.ends_at > now())
    ), ins AS (
        INSERT INTO experiment_assignments AS x (tenant_id, experiment, workflow_id, arm)
        SELECT tenant, r.experiment, r.workflow_id, r.arm FROM req AS r JOIN live ON live.name = r.experiment
        ON CONFLICT (tenant_id, experiment, workflow_id) DO NOTHING
        RETURNING x.experiment, x.workflow_id, x.arm, x.assigned_at
    )
    SELECT r.experiment, r.workflow_id, COALESCE(i.arm, a.arm),
           (extract(epoch FROM COALESCE(i.assigned_at, a.assigned_at)) * 1000000)::int8,
           EXISTS (SELECT 1 FROM live WHERE live.name = r.experiment)
    FROM req AS r
    LEFT JOIN ins AS i ON i.experiment = r.experiment AND i.workflow_id = r.workflow_id
    LEFT JOIN LATERAL (
        SELECT x.arm, x.assigned_at FROM experiment_assignments AS x
        WHERE x.tenant_id = tenant AND x.experiment = r.experiment AND x.workflow_id = r.workflow_id OFFSET 0
    ) AS a ON true;
END $$;

-- Only the service may call it; the reader role (Grafana) may not, and could not enter the
-- service role anyway.
REVOKE ALL ON FUNCTION public.baton_record_assignments(text, text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.baton_record_assignments(text, text[], text[], text[]) TO baton_service;
