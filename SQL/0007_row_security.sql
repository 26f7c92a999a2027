-- Row-level security: defence in depth behind the tenant bind every statement already carries.
--
-- Everything the service does for a request runs in a transaction that first becomes the role
-- `baton_service` and names its tenant in the setting `baton.tenant` (both transaction-local, so
-- a pooled connection carries neither into the next transaction). `baton_service` owns nothing
-- and cannot bypass row security, so a statement that forgot its tenant filter still sees,
-- changes and creates rows of that one tenant only; without a tenant set it sees none.
--
-- The owner of the tables (the role that runs migrations) is not subject to these policies
-- (they are enabled, not forced): migrations, the command line's bulk loads and token
-- administration run as the owner, and the `reporting` views for Grafana keep their own
-- per-reader tenant filter.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_service') THEN
        BEGIN
            CREATE ROLE baton_service NOLOGIN NOBYPASSRLS;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;  -- created concurrently by another database
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'the role baton_service does not exist and this role may not create it'
                    USING HINT = 'As a superuser: CREATE ROLE baton_service NOLOGIN NOBYPASSRLS; '
                        'GRANT baton_service TO ' || current_user || '; then migrate again (Docs/security.md).';
        END;
    END IF;
    -- The role Baton connects as must be able to become baton_service (a superuser always can).
    IF NOT pg_has_role(current_user, 'baton_service', 'MEMBER') THEN
        EXECUTE format('GRANT baton_service TO %I', current_user);
    END IF;
    IF (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = 'baton_service') THEN
        RAISE EXCEPTION 'the role baton_service may bypass row-level security; it must not'
            USING HINT = 'ALTER ROLE baton_service NOSUPERUSER NOBYPASSRLS;';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public, report_source TO baton_service;
GRANT SELECT, INSERT, UPDATE, DELETE
    ON tenants, api_tokens, assistants, workflows, tasks, handoffs, handoff_tags, perceptions
    TO baton_service;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO baton_service;
GRANT SELECT ON ALL TABLES IN SCHEMA report_source TO baton_service;

-- The report reads the `report_source` projections. A view reads its tables with its owner's
-- rights, and a superuser owner would bypass row security, so the projections belong to
-- `baton_views`, a role without that power. Its policy below confines it to the tenant of the
-- transaction when the session runs as baton_service, and lets it see every row otherwise: for
-- the `reporting` views, which filter by reader themselves, and for the owner's own work.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_views') THEN
        BEGIN
            CREATE ROLE baton_views NOLOGIN NOBYPASSRLS;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'baton_views', 'MEMBER') THEN
        EXECUTE format('GRANT baton_views TO %I', current_user);
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public, report_source TO baton_views;
GRANT SELECT ON workflows, tasks, handoffs, handoff_tags, assistants, perceptions TO baton_views;
ALTER VIEW report_source.workflows OWNER TO baton_views;
ALTER VIEW report_source.tasks OWNER TO baton_views;
ALTER VIEW report_source.handoffs OWNER TO baton_views;
ALTER VIEW report_source.assistants OWNER TO baton_views;
ALTER VIEW report_source.perceptions OWNER TO baton_views;
-- The `reporting` views over them keep working for their owner (the migrating role).
GRANT SELECT ON ALL TABLES IN SCHEMA report_source TO CURRENT_USER;

-- One policy per table for baton_service, for every command: rows read, written and kept must
-- be the tenant's. Through the projections, a policy for baton_views does the same whenever the
-- session runs as baton_service (current_user stays the session's role inside a view).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'api_tokens', 'assistants', 'workflows', 'tasks', 'handoffs',
                             'handoff_tags', 'perceptions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_rows ON %I TO baton_service '
            'USING (tenant_id = current_setting(''baton.tenant'', true)) '
            'WITH CHECK (tenant_id = current_setting(''baton.tenant'', true))', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['assistants', 'workflows', 'tasks', 'handoffs', 'handoff_tags', 'perceptions'] LOOP
        EXECUTE format(
            'CREATE POLICY views_rows ON %I FOR SELECT TO baton_views '
            'USING (CASE WHEN current_user = ''baton_service'' '
            'THEN tenant_id = current_setting(''baton.tenant'', true) ELSE true END)', t);
    END LOOP;
END
$$;

-- Authentication looks a token up by its hash before any tenant is known: this function, run as
-- the owner, returns the one matching usable token and records its use, so baton_service needs
-- no way around the policy on api_tokens.
CREATE FUNCTION baton_authenticate(hash bytea)
RETURNS TABLE (tenant_id text, token_id text, role text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH hit AS (
        SELECT t.tenant_id, t.token_id, t.role, t.last_used_at FROM public.api_tokens AS t
        WHERE t.token_hash = hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
    ), touched AS (
        -- Record the last use, at most once a minute per token, to keep reads cheap.
        UPDATE public.api_tokens AS t SET last_used_at = now() FROM hit
        WHERE t.tenant_id = hit.tenant_id AND t.token_id = hit.token_id
          AND (hit.last_used_at IS NULL OR hit.last_used_at < now() - interval '1 minute')
    )
    SELECT hit.tenant_id, hit.token_id, hit.role FROM hit
$$;
REVOKE ALL ON FUNCTION baton_authenticate(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION baton_authenticate(bytea) TO baton_service;
