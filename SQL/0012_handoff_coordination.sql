-- Coordination between assistants (value-model §8, issue 21, Docs/coordination.md).
--
-- Each handoff row (the segment into one task) now says who is on each side: the assistant and
-- ai_mode of the from-task and of the to-task. It also carries the to-task's lineage (which
-- task's output it consumed, from `context_from`) and the work it duplicated; those are derived
-- in Swift with the handoffs (HandoffDerivation+Coordination), like every other derived column.
--
-- The sides are copied here from the tasks. Lineage and duplicated work need the derivation
-- itself (cycles, clipping to the case window, unions of overlaps), so this migration marks every
-- stored workflow `coordination_pending` and Baton re-derives those workflows, a page at a time,
-- right after migrating (`baton migrate`, `baton serve`, `baton demo`); until then their rows
-- have no lineage and count no duplicated time, and `baton check` reports them.
ALTER TABLE handoffs
    ADD COLUMN from_assistant    text,
    ADD COLUMN from_ai_mode      text CHECK (from_ai_mode IN ('none', 'assisted', 'autonomous')),
    ADD COLUMN to_assistant      text,
    ADD COLUMN to_ai_mode        text NOT NULL DEFAULT 'none' CHECK (to_ai_mode IN ('none', 'assisted', 'autonomous')),
    -- The task named by the to-task's context_from when it is a link: another task of the same
    -- case, not on a cycle of context_from. `lineage` says what became of context_from.
    ADD COLUMN producer_task_id  text,
    ADD COLUMN lineage           text CHECK (lineage IN ('linked', 'other-case', 'cycle')),
    ADD COLUMN producer_assistant text,
    ADD COLUMN producer_ai_mode  text CHECK (producer_ai_mode IN ('none', 'assisted', 'autonomous')),
    ADD COLUMN lineage_wait_us   bigint CHECK (lineage_wait_us >= 0),
    ADD COLUMN regathered        boolean NOT NULL DEFAULT false,
    ADD COLUMN link_regathered   boolean NOT NULL DEFAULT false,
    ADD COLUMN duplicate_us      bigint NOT NULL DEFAULT 0 CHECK (duplicate_us >= 0),
    -- [[side, microseconds], ...]: the duplicated time per side of the earlier worker (side null:
    -- human work); NULL when nothing was duplicated.
    ADD COLUMN duplicates        jsonb;

ALTER TABLE workflows ADD COLUMN coordination_pending boolean NOT NULL DEFAULT false;

UPDATE handoffs AS h
SET to_assistant = t.assistant, to_ai_mode = t.ai_mode
FROM tasks AS t
WHERE t.tenant_id = h.tenant_id AND t.task_id = h.to_task_id AND t.opened_month = h.opened_month;

UPDATE handoffs AS h
SET from_assistant = t.assistant, from_ai_mode = t.ai_mode
FROM tasks AS t
WHERE h.from_task_id IS NOT NULL
  AND t.tenant_id = h.tenant_id AND t.task_id = h.from_task_id AND t.opened_month = h.opened_month;

UPDATE workflows AS w SET coordination_pending = true
WHERE EXISTS (SELECT 1 FROM tasks AS t WHERE t.tenant_id = w.tenant_id AND t.workflow_id = w.workflow_id);

CREATE INDEX workflows_coordination_pending ON workflows (tenant_id, workflow_id) WHERE coordination_pending;

-- The projection gains the sides and the lineage (new columns go last, as CREATE OR REPLACE VIEW
-- requires), and the readers' view with it.
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
