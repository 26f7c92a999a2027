-- The handoff projections, defined here once. Migrations 0005, 0009, 0010 and 0012 each restated
-- them as the table grew; from now on a change to what a handoff row shows is made in this file
-- only (`baton migrate` re-creates the views after the migrations; see Docs/architecture.md).
-- CREATE OR REPLACE keeps the owner (baton_views, migration 0007) and the grants; new columns
-- go last, as CREATE OR REPLACE VIEW requires.
CREATE OR REPLACE VIEW report_source.handoffs AS
SELECT h.tenant_id, h.workflow_id, h.to_task_id AS handoff_id, h.kind, h.from_task_id, h.from_tool, h.to_tool,
       COALESCE(h.from_tool, '') || '→' || h.to_tool AS tool_pair, h.from_stage, h.to_stage, h.from_actor,
       h.to_actor, h.handed_at, h.wait_us, h.wait_us / 3600000000.0::float8 AS wait_hours, h.cross_tool, h.ai_boundary,
       h.context_carried, h.tag_reason, h.tagged_at, h.opened_month,
       h.from_assistant, h.from_ai_mode, h.to_assistant, h.to_ai_mode,
       CASE WHEN h.from_ai_mode IS NULL THEN NULL WHEN h.from_ai_mode = 'none' THEN 'human' ELSE h.from_assistant END
           AS from_side,
       CASE WHEN h.to_ai_mode = 'none' THEN 'human' ELSE h.to_assistant END AS to_side,
       h.producer_task_id, h.lineage, h.producer_assistant, h.producer_ai_mode, h.lineage_wait_us,
       h.regathered, h.link_regathered, h.duplicate_us, h.duplicates
FROM public.handoffs AS h;

CREATE OR REPLACE VIEW reporting.handoffs WITH (security_barrier) AS
SELECT v.* FROM report_source.handoffs AS v
WHERE (SELECT reporting.visible_tenants(current_user)) IS NULL
   OR v.tenant_id = ANY ((SELECT reporting.visible_tenants(current_user))::text[]);
