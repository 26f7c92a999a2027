-- What the report cache's fingerprint reads for a tenant's records (issue 23, Docs/performance.md
-- "The report cache"), so that a cached page costs the same at 10 million tasks as at 1,000.
-- The fingerprint counted every workflow and task of the tenant (1.4 s at 10 million). Every
-- write to workflows, tasks, handoffs or tags adds a `rollup_dirty` mark in its own transaction;
-- only the passes that delete marks or rows take them away. So the tenant's generation below,
-- raised in the transaction of every such deletion, and the number of its marks together change
-- whenever its records change: between two reads without a deletion the marks only grow.
CREATE TABLE data_generations (
    tenant_id  text PRIMARY KEY,
    generation bigint NOT NULL
);

-- Raises the generation of each tenant named, creating it at 1.
CREATE FUNCTION baton_raise_generations(tenants text[]) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, public AS $$
    INSERT INTO data_generations AS g (tenant_id, generation)
    SELECT DISTINCT t, 1 FROM unnest(tenants) AS t WHERE t IS NOT NULL
    ON CONFLICT (tenant_id) DO UPDATE SET generation = g.generation + 1
$$;

-- Emptying a tenant (`baton demo --reset`) raises its generation as baton_service, in the tenant.
GRANT SELECT, INSERT, UPDATE ON data_generations TO baton_service;
