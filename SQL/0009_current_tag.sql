-- The tag that counts for a handoff is its newest (tagged_at, then tag_id); older tags stay as
-- history. The report found it by ranking every tag the tenant ever wrote, so the report's
-- friction statement grew with the archive of tags (issue 11, Docs/performance.md). The current
-- tag is now kept on the handoff row itself, written by the statements that insert tags.
ALTER TABLE handoffs
    ADD COLUMN current_tag_id bigint,
    ADD COLUMN tag_reason text,
    ADD COLUMN tagged_at timestamptz;

UPDATE handoffs AS h
SET current_tag_id = t.tag_id, tag_reason = t.reason, tagged_at = t.tagged_at
FROM (
    SELECT DISTINCT ON (tenant_id, workflow_id, to_task_id) tenant_id, workflow_id, to_task_id, tag_id, reason, tagged_at
    FROM handoff_tags
    ORDER BY tenant_id, workflow_id, to_task_id, tagged_at DESC, tag_id DESC
) AS t
WHERE t.tenant_id = h.tenant_id AND t.workflow_id = h.workflow_id AND t.to_task_id = h.to_task_id;

CREATE OR REPLACE VIEW report_source.handoffs AS
SELECT h.tenant_id, h.workflow_id, h.to_task_id AS handoff_id, h.kind, h.from_task_id, h.from_tool, h.to_tool,
       COALESCE(h.from_tool, '') || '→' || h.to_tool AS tool_pair, h.from_stage, h.to_stage, h.from_actor,
       h.to_actor, h.handed_at, h.wait_us, h.wait_us / 3600000000.0::float8 AS wait_hours, h.cross_tool, h.ai_boundary,
       h.context_carried, h.tag_reason, h.tagged_at
FROM public.handoffs AS h;
