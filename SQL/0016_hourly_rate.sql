-- The price of an analyst hour as a tenant setting (issue 22, Docs/metrics.md "Costs"): the value
-- report's net value uses it when a request or command gives no hourly rate. In the tenant's one
-- currency (that of its licences and prices); NULL: not set, and net value says "no hourly rate".
ALTER TABLE tenants
    ADD COLUMN hourly_rate numeric CHECK (hourly_rate >= 0 AND hourly_rate < 1e9);
