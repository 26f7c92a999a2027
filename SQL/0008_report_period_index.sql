-- The value report, the survey CSV and the event-log exports choose workflows by their
-- (effective) opening time within one tenant. Without an index on it, each of them read every
-- workflow the tenant ever had, so their cost grew with the archive instead of with the period
-- asked for (issue 11, Docs/performance.md). With it, a report reads its period's workflows, then
-- their tasks and handoffs through the keys that start with (tenant_id, workflow_id).
CREATE INDEX workflows_by_opening ON workflows (tenant_id, effective_opened_at);
