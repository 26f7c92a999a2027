-- Perceived value: what the SOC's people say an assistant is worth, on the survey's scale
-- (value-model section 5). One row per respondent's rating.
CREATE TABLE perceptions (
    tenant_id        text NOT NULL REFERENCES tenants (tenant_id),
    perception_id    bigint GENERATED ALWAYS AS IDENTITY,
    assistant        text NOT NULL,
    respondent_role  text,
    rating           text NOT NULL CHECK (rating IN ('excellent', 'good', 'some', 'none')),
    rated_at         timestamptz NOT NULL,
    note             text,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, perception_id),
    FOREIGN KEY (tenant_id, assistant) REFERENCES assistants (tenant_id, name)
);
CREATE INDEX perceptions_by_assistant ON perceptions (tenant_id, assistant, rated_at);
