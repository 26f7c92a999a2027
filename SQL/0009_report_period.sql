-- The report reads one period: its cost should follow the period, not the archive. Workflows are
-- found by their (effective) opening through this index, and their tasks and handoffs through the
-- keys that start with (tenant_id, workflow_id); without it every report read every workflow the
-- tenant ever had.
CREATE INDEX workflows_by_opening ON workflows (tenant_id, effective_opened_at);
