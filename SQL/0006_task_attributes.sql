-- Free attributes of a task that the value model does not read but people do: the token counts,
-- provider and model an AI task reported (OpenTelemetry GenAI conventions). A flat JSON object
-- of short names to numbers, strings or booleans; NULL when there are none.
ALTER TABLE tasks ADD COLUMN attributes jsonb;
