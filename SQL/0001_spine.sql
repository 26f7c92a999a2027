-- Baton spine: tenants, tokens, assistants, workflows, tasks, derived handoffs and their tags.
--
-- Every table carries tenant_id and every primary and unique key starts with it, so the schema
-- can later be distributed by tenant. Durations derived by Baton are bigint microseconds, the
-- resolution of timestamptz, so that value-model identities hold exactly.

CREATE TABLE tenants (
    tenant_id   text PRIMARY KEY CHECK (tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
    tenant_id     text NOT NULL REFERENCES tenants (tenant_id),
    token_id      text NOT NULL,
    -- SHA-256 of the whole token; the token itself is shown once and never stored.
    token_hash    bytea NOT NULL CHECK (length(token_hash) = 32),
    role          text NOT NULL CHECK (role IN ('ingest', 'analyst', 'viewer', 'admin')),
    label         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    PRIMARY KEY (tenant_id, token_id)
);
-- Not unique on purpose: a token is looked up before its tenant is known, and 256 random bits
-- do not collide; a unique key would have to start with tenant_id.
CREATE INDEX api_tokens_by_hash ON api_tokens (token_hash);

CREATE TABLE assistants (
    tenant_id      text NOT NULL REFERENCES tenants (tenant_id),
    name           text NOT NULL,
    tool           text,
    category       text CHECK (category IN ('off-the-shelf-llm', 'copilot', 'agent', 'supervised-ml', 'custom-llm')),
    archetype      text CHECK (archetype IN ('taker', 'shaper', 'builder')),
    rollout_at     timestamptz,
    -- NULL until an admin registers metadata; an assistant first seen in a task is created unregistered.
    registered_at  timestamptz,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE workflows (
    tenant_id            text NOT NULL REFERENCES tenants (tenant_id),
    workflow_id          text NOT NULL,
    -- false for a stub created because a task arrived before its workflow record.
    reported             boolean NOT NULL DEFAULT false,
    opened_at            timestamptz,
    closed_at            timestamptz,
    severity             text CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    category             text,
    outcome              text,
    received_at          timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    -- Derived (value-model section 2), rewritten in the transaction that changes the workflow or a task of it.
    effective_opened_at  timestamptz,
    opened_inferred      boolean NOT NULL DEFAULT false,
    task_count           integer NOT NULL DEFAULT 0,
    running_tasks        integer NOT NULL DEFAULT 0,
    tasks_outside_window integer NOT NULL DEFAULT 0,
    ai_touched           boolean NOT NULL DEFAULT false,
    ping_pong            boolean NOT NULL DEFAULT false,
    lead_us              bigint,
    touch_us             bigint,
    wait_us              bigint,
    effort_us            bigint,
    intake_us            bigint,
    handoff_wait_us      bigint,
    closure_us           bigint,
    PRIMARY KEY (tenant_id, workflow_id),
    CHECK (closed_at IS NULL OR opened_at IS NULL OR closed_at >= opened_at),
    CHECK (lead_us IS NULL OR touch_us + intake_us + handoff_wait_us + closure_us = lead_us)
);

CREATE TABLE tasks (
    tenant_id     text NOT NULL,
    task_id       text NOT NULL,
    workflow_id   text NOT NULL,
    task_type     text NOT NULL,
    stage         text CHECK (stage IN ('detection', 'triage', 'investigation', 'response', 'closure')),
    tool          text NOT NULL,
    actor         text,
    assistant     text,
    ai_mode       text NOT NULL CHECK (ai_mode IN ('none', 'assisted', 'autonomous')),
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    context_from  text,
    received_at   timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, task_id),
    FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows (tenant_id, workflow_id),
    FOREIGN KEY (tenant_id, assistant) REFERENCES assistants (tenant_id, name),
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK (ai_mode = 'none' OR assistant IS NOT NULL)
);
CREATE INDEX tasks_by_workflow ON tasks (tenant_id, workflow_id);

-- One row per task: the wait before it and the move to it from the frontier task.
CREATE TABLE handoffs (
    tenant_id        text NOT NULL,
    workflow_id      text NOT NULL,
    to_task_id       text NOT NULL,
    seq              integer NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('intake', 'handoff')),
    from_task_id     text,
    wait_us          bigint NOT NULL CHECK (wait_us >= 0),
    handed_at        timestamptz NOT NULL,
    from_tool        text,
    to_tool          text NOT NULL,
    from_stage       text,
    to_stage         text,
    from_actor       text,
    to_actor         text,
    cross_tool       boolean NOT NULL,
    ai_boundary      boolean NOT NULL,
    context_carried  boolean NOT NULL,
    PRIMARY KEY (tenant_id, workflow_id, to_task_id),
    FOREIGN KEY (tenant_id, workflow_id) REFERENCES workflows (tenant_id, workflow_id) ON DELETE CASCADE
);
CREATE INDEX handoffs_by_wait ON handoffs (tenant_id, wait_us DESC);

CREATE TABLE handoff_tags (
    tenant_id    text NOT NULL,
    tag_id       bigint GENERATED ALWAYS AS IDENTITY,
    workflow_id  text NOT NULL,
    to_task_id   text NOT NULL,
    reason       text NOT NULL CHECK (reason IN ('queue-wait', 'approval-wait', 'context-regathering',
                     'tool-switch', 'shift-change', 'missing-escalation-path', 'awaiting-requester',
                     'ai-output-rework', 'other')),
    note         text,
    tagged_by    text,
    tagged_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, tag_id),
    -- A tag follows its handoff through recomputation and goes when the handoff no longer exists.
    FOREIGN KEY (tenant_id, workflow_id, to_task_id)
        REFERENCES handoffs (tenant_id, workflow_id, to_task_id) ON DELETE CASCADE
);
CREATE INDEX handoff_tags_by_handoff ON handoff_tags (tenant_id, workflow_id, to_task_id);
