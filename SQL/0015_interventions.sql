-- Interventions: recorded process changes (issue 22, Docs/interventions.md). An analyst or admin
-- records that from a date the SOC changed how one handoff class, one pair of sides or one
-- assistant's handoffs are worked ("pre-approve standard containment actions"); the value report
-- measures what happened to that target's waiting against the untargeted handoffs.
--
-- Numbered per tenant (1, 2, …), so a tenant's numbers say nothing of other tenants; the store
-- takes max + 1 under a per-tenant advisory lock.
CREATE TABLE interventions (
    tenant_id        text NOT NULL REFERENCES tenants (tenant_id),
    intervention_id  integer NOT NULL CHECK (intervention_id > 0),
    -- When the change took effect: handoffs whose waiting began at or after it are "after".
    effective_at     timestamptz NOT NULL,
    target_kind      text NOT NULL CHECK (target_kind IN ('handoff-class', 'assistant-pair', 'assistant')),
    -- A pair as `from→to`, an assistant by name (InterventionTarget normalises both).
    target           text NOT NULL CHECK (length(target) BETWEEN 1 AND 257),
    description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
    -- The token that recorded it; NULL from the command line.
    created_by       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, intervention_id)
);

-- Privileges as for the other tenant tables (0007, 0013); row security is in
-- SQL/views/0002_row_security.sql, the projections in SQL/views/0050_interventions.sql.
-- Recorded changes are history: the service may add them, not change or delete them.
GRANT SELECT, INSERT ON interventions TO baton_service;
GRANT SELECT ON interventions TO baton_views;
