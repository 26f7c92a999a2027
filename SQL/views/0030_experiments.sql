-- The experiments and their assignments as the report reads them (value-model §7,
-- Docs/experiments.md). Owned by baton_views like the other projections (migration 0007), so row
-- security confines them to the transaction's tenant when the service reads them. The tenant's
-- assignment secret is not here: nothing that reads reports may compute or predict an arm.
CREATE OR REPLACE VIEW report_source.experiments AS
SELECT e.tenant_id, e.name AS experiment, e.assistant, e.holdout_share, e.task_types, e.starts_at, e.ends_at,
       e.planned_sample, e.stopped_at, e.created_at
FROM public.experiments AS e;

-- One row per recorded assignment, with the experiment's assistant and task types beside it.
CREATE OR REPLACE VIEW report_source.experiment_assignments AS
SELECT a.tenant_id, a.experiment, e.assistant, e.task_types, a.workflow_id, a.arm, a.assigned_at
FROM public.experiment_assignments AS a
JOIN public.experiments AS e ON e.tenant_id = a.tenant_id AND e.name = a.experiment;

ALTER VIEW report_source.experiments OWNER TO baton_views;
ALTER VIEW report_source.experiment_assignments OWNER TO baton_views;
GRANT SELECT ON report_source.experiments, report_source.experiment_assignments TO baton_service;
GRANT SELECT ON report_source.experiments, report_source.experiment_assignments TO CURRENT_USER;
