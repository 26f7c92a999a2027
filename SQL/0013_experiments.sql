-- Experiments: randomized holdouts of one assistant (value-model §7, issue 20, Docs/experiments.md).
--
-- An admin starts an experiment for an assistant with a holdout share; before the assistant would
-- work on a case, the calling tool asks for the case's arm. The arm is a keyed hash (ArmAssigner:
-- HMAC-SHA-256) of the tenant's assignment secret, the experiment's name and the workflow id,
-- compared with the share, so it is the same on every ask, in every replica and after restarts.
-- The first ask is recorded with its time; later asks read that row and change nothing.

-- The per-tenant key of that hash, made like export_salt (0004): 32 bytes from two v4 UUIDs,
-- which PostgreSQL draws from its strong random source. Whoever holds it can predict (and so
-- steer) which cases are held out: never exported, never logged, never sent to clients; the
-- Grafana role reads only the `reporting` views and has no access to this table.
ALTER TABLE tenants
    ADD COLUMN assignment_secret bytea NOT NULL
        DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
        CHECK (length(assignment_secret) = 32);

CREATE TABLE experiments (
    tenant_id      text NOT NULL REFERENCES tenants (tenant_id),
    name           text NOT NULL,
    assistant      text NOT NULL,
    holdout_share  float8 NOT NULL CHECK (holdout_share >= 0.05 AND holdout_share <= 0.5),
    -- The task types the experiment is about; NULL: every type the assistant serves. Assignments
    -- are still by workflow (the tool asks before the assistant would work); the analysis reads it.
    task_types     text[],
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz CHECK (ends_at IS NULL OR ends_at > starts_at),
    planned_sample bigint CHECK (planned_sample IS NULL OR planned_sample > 0),
    stopped_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name)
);

-- At most one open (not stopped) experiment per assistant; an experiment past its end is closed
-- (stopped at its end) by the store before another one opens.
CREATE UNIQUE INDEX experiments_one_open_per_assistant ON experiments (tenant_id, assistant)
    WHERE stopped_at IS NULL;

CREATE TABLE experiment_assignments (
    tenant_id    text NOT NULL,
    experiment   text NOT NULL,
    workflow_id  text NOT NULL,
    arm          text NOT NULL CHECK (arm IN ('use', 'holdout')),
    assigned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, experiment, workflow_id),
    FOREIGN KEY (tenant_id, experiment) REFERENCES experiments (tenant_id, name)
);
-- The analysis joins assignments to workflows by id.
CREATE INDEX experiment_assignments_workflow ON experiment_assignments (tenant_id, workflow_id);

-- Privileges as for the other tenant tables (0007, 0010); row security is in
-- SQL/views/0002_row_security.sql, the projections in SQL/views/0030_experiments.sql.
GRANT SELECT, INSERT, UPDATE, DELETE ON experiments TO baton_service;
GRANT SELECT, INSERT, DELETE ON experiment_assignments TO baton_service;
GRANT SELECT ON experiments, experiment_assignments TO baton_views;
