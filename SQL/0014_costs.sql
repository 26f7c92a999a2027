-- Costs (issue 22, Docs/metrics.md "Costs"): what each assistant's licence costs, and the price of
-- each provider's model per million tokens from a calendar day on. Token counts themselves are
-- already stored in tasks.attributes (0006).
--
-- Amounts are numeric (exact decimals, as money is written); the report reads them as float8.
-- A tenant keeps every amount in one currency: the store checks it under a lock on the tenant row
-- (PostgresCostRepository) and answers 422 naming the field, so no figure adds two currencies.

-- The licence: a monthly amount, its currency and the first day paid for (NULL: every period).
-- All three are set together or not at all.
ALTER TABLE assistants
    ADD COLUMN monthly_cost numeric CHECK (monthly_cost >= 0 AND monthly_cost < 1e12),
    ADD COLUMN cost_currency text CHECK (cost_currency ~ '^[A-Z]{3}$'),
    ADD COLUMN cost_from date,
    ADD CONSTRAINT assistants_cost_complete
        CHECK ((monthly_cost IS NULL) = (cost_currency IS NULL) AND (cost_from IS NULL OR monthly_cost IS NOT NULL));

-- Token prices: one row per provider, model and day a price takes effect. The price of a task's
-- tokens is the row with the latest effective_from on or before the task's day (UTC).
CREATE TABLE token_prices (
    tenant_id          text NOT NULL REFERENCES tenants (tenant_id),
    provider           text NOT NULL,
    model              text NOT NULL,
    effective_from     date NOT NULL,
    currency           text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    input_per_million  numeric NOT NULL CHECK (input_per_million >= 0 AND input_per_million < 1e9),
    output_per_million numeric NOT NULL CHECK (output_per_million >= 0 AND output_per_million < 1e9),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider, model, effective_from)
);

-- Privileges as for the other tenant tables (0007, 0013); row security is in
-- SQL/views/0002_row_security.sql. Costs are often confidential: no `reporting` view shows them,
-- so the Grafana role (baton_reader) cannot read them.
GRANT SELECT, INSERT, UPDATE, DELETE ON token_prices TO baton_service;
GRANT SELECT ON token_prices TO baton_views;
