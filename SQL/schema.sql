-- Baton's schema as the migrations (SQL/NNNN_*.sql) and view scripts (SQL/views/) build
-- it: pg_dump --schema-only --no-owner --no-privileges of a freshly migrated database.
-- Generated; do not edit. A test (SchemaFileTests) fails when it is stale.
--
-- PostgreSQL database dump
--

--
-- Name: report_source; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA report_source;

--
-- Name: reporting; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA reporting;

--
-- Name: baton_authenticate(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_authenticate(hash bytea) RETURNS TABLE(tenant_id text, token_id text, role text)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public'
    AS $$
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

--
-- Name: baton_duration_bin(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_duration_bin(d bigint) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN (d = 0) THEN '-2147483648'::integer ELSE (ceil((ln((d)::double precision) / ln((1.005)::double precision))))::integer END;

--
-- Name: baton_ensure_partitions(date[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_ensure_partitions(months date[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public'
    AS $$
DECLARE
    m date;
    created integer := 0;
    parent text;
BEGIN
    FOREACH m IN ARRAY (SELECT COALESCE(array_agg(DISTINCT date_trunc('month', x)::date), '{}') FROM unnest(months) AS x
                        WHERE x IS NOT NULL) LOOP
        IF to_regclass(format('public.tasks_%s', to_char(m, '"y"YYYY"m"MM'))) IS NOT NULL
           AND to_regclass(format('public.handoffs_%s', to_char(m, '"y"YYYY"m"MM'))) IS NOT NULL THEN
            CONTINUE;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('baton partitions', 0));
        FOREACH parent IN ARRAY ARRAY['tasks', 'handoffs'] LOOP
            IF to_regclass(format('public.%s_%s', parent, to_char(m, '"y"YYYY"m"MM'))) IS NULL THEN
                BEGIN
                    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
                                   parent || '_' || to_char(m, '"y"YYYY"m"MM'), parent, m,
                                   (m + interval '1 month')::date);
                    created := created + 1;
                EXCEPTION
                    -- Made by the creator this one waited for: an advisory lock does not refresh
                    -- this session's view of the catalog, so the check above can miss it.
                    WHEN duplicate_table THEN NULL;
                END;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END
$$;

--
-- Name: baton_input_tokens(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_input_tokens(attributes jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT baton_token_count(COALESCE(attributes -> 'gen_ai.usage.input_tokens',
                                      attributes -> 'gen_ai.usage.prompt_tokens'))
$$;

--
-- Name: baton_merge_bins(integer[], bigint[], integer[], bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_merge_bins(a_bins integer[], a_counts bigint[], b_bins integer[], b_counts bigint[], OUT bins integer[], OUT counts bigint[]) RETURNS record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(array_agg(s.bin ORDER BY s.bin), '{}'), COALESCE(array_agg(s.n ORDER BY s.bin), '{}')
    FROM (
        SELECT x.bin, sum(x.n)::int8 AS n
        FROM (SELECT * FROM unnest(a_bins, a_counts) UNION ALL SELECT * FROM unnest(b_bins, b_counts)) AS x(bin, n)
        WHERE x.bin IS NOT NULL AND x.n IS NOT NULL
        GROUP BY x.bin
        HAVING sum(x.n) > 0
    ) AS s
$$;

--
-- Name: baton_missing_months(date[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_missing_months(months date[]) RETURNS SETOF date
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public'
    AS $$
    SELECT DISTINCT m FROM unnest(months) AS m
    WHERE to_regclass(format('public.tasks_%s', to_char(m, '"y"YYYY"m"MM'))) IS NULL
       OR to_regclass(format('public.handoffs_%s', to_char(m, '"y"YYYY"m"MM'))) IS NULL
$$;

--
-- Name: baton_month(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_month(at timestamp with time zone) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (date_trunc('month'::text, (at AT TIME ZONE 'UTC'::text)))::date;

--
-- Name: baton_output_tokens(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_output_tokens(attributes jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT baton_token_count(COALESCE(attributes -> 'gen_ai.usage.output_tokens',
                                      attributes -> 'gen_ai.usage.completion_tokens'))
$$;

--
-- Name: baton_partition_month(name); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_partition_month(relname name) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (relname ~ '^(tasks|handoffs)_y[0-9]{4}m[0-9]{2}$'::text) THEN to_date("right"((relname)::text, 7), 'YYYY"m"MM'::text) ELSE NULL::date END;

--
-- Name: baton_raise_generations(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_raise_generations(tenants text[]) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
    INSERT INTO data_generations AS g (tenant_id, generation)
    SELECT DISTINCT t, 1 FROM unnest(tenants) AS t WHERE t IS NOT NULL
    ON CONFLICT (tenant_id) DO UPDATE SET generation = g.generation + 1
$$;

--
-- Name: baton_record_assignments(text, text[], text[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_record_assignments(tenant text, workflow_ids text[], experiment_names text[], arms text[]) RETURNS TABLE(experiment text, workflow_id text, arm text, assigned_us bigint, live boolean)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('role', 'baton_service', true), set_config('baton.tenant', tenant, true);
    RETURN QUERY
    WITH req AS (
        SELECT * FROM unnest(workflow_ids, experiment_names, arms) AS r(workflow_id, experiment, arm)
    ), live AS (
        SELECT e.name FROM experiments AS e
        WHERE e.tenant_id = tenant AND e.name IN (SELECT DISTINCT req.experiment FROM req)
          AND e.stopped_at IS NULL AND e.starts_at <= now() AND (e.ends_at IS NULL OR e.ends_at > now())
    ), ins AS (
        INSERT INTO experiment_assignments AS x (tenant_id, experiment, workflow_id, arm)
        SELECT tenant, r.experiment, r.workflow_id, r.arm FROM req AS r JOIN live ON live.name = r.experiment
        ON CONFLICT (tenant_id, experiment, workflow_id) DO NOTHING
        RETURNING x.experiment, x.workflow_id, x.arm, x.assigned_at
    )
    SELECT r.experiment, r.workflow_id, COALESCE(i.arm, a.arm),
           (extract(epoch FROM COALESCE(i.assigned_at, a.assigned_at)) * 1000000)::int8,
           EXISTS (SELECT 1 FROM live WHERE live.name = r.experiment)
    FROM req AS r
    LEFT JOIN ins AS i ON i.experiment = r.experiment AND i.workflow_id = r.workflow_id
    LEFT JOIN LATERAL (
        SELECT x.arm, x.assigned_at FROM experiment_assignments AS x
        WHERE x.tenant_id = tenant AND x.experiment = r.experiment AND x.workflow_id = r.workflow_id OFFSET 0
    ) AS a ON true;
END $$;

--
-- Name: baton_rollup_coordination_month(date, text[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_rollup_coordination_month(m date, tenants text[], additive boolean) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
    IF NOT additive THEN
        DELETE FROM coordination_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    WITH h AS MATERIALIZED (
        SELECT h.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date AS day, h.kind, h.wait_us,
               h.context_carried, h.tag_reason, h.regathered, h.link_regathered, h.lineage, h.lineage_wait_us,
               h.duplicate_us, h.duplicates, h.workflow_id, h.producer_task_id, h.to_ai_mode,
               CASE WHEN h.from_ai_mode IS NULL THEN NULL WHEN h.from_ai_mode = 'none' THEN ''
                    ELSE h.from_assistant END AS fs,
               CASE WHEN h.to_ai_mode = 'none' THEN '' ELSE h.to_assistant END AS ts,
               CASE WHEN h.producer_ai_mode IS NULL THEN NULL WHEN h.producer_ai_mode = 'none' THEN ''
                    ELSE h.producer_assistant END AS ps
        FROM handoffs AS h JOIN workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
        WHERE h.opened_month = m AND w.opened_month = m AND h.tenant_id = ANY (tenants)
          AND w.effective_opened_at IS NOT NULL
    ), ho AS (
        SELECT * FROM h WHERE kind = 'handoff' AND fs IS NOT NULL AND ts IS NOT NULL
    ), li AS (
        SELECT * FROM h WHERE lineage = 'linked' AND ps IS NOT NULL AND ts IS NOT NULL
    ), ho_bins AS (
        SELECT tenant_id, day, fs, ts, array_agg(bin ORDER BY bin) AS bins, array_agg(n ORDER BY bin) AS counts
        FROM (SELECT tenant_id, day, fs, ts, baton_duration_bin(wait_us) AS bin, count(*) AS n FROM ho GROUP BY 1, 2, 3, 4, 5) AS c
        GROUP BY 1, 2, 3, 4
    ), li_bins AS (
        SELECT tenant_id, day, ps, ts, array_agg(bin ORDER BY bin) AS bins, array_agg(n ORDER BY bin) AS counts
        FROM (SELECT tenant_id, day, ps, ts, baton_duration_bin(lineage_wait_us) AS bin, count(*) AS n
              FROM li WHERE lineage_wait_us IS NOT NULL GROUP BY 1, 2, 3, 4, 5) AS c
        GROUP BY 1, 2, 3, 4
    ), ho_sums AS (
        SELECT tenant_id, day, fs, ts, count(*) AS handoffs, sum(wait_us)::int8 AS wait_us,
               count(*) FILTER (WHERE context_carried) AS context_carried,
               COALESCE(sum(wait_us) FILTER (WHERE NOT context_carried), 0)::int8 AS uncarried_wait_us,
               count(*) FILTER (WHERE regathered OR tag_reason = 'context-regathering') AS regathered,
               COALESCE(sum(wait_us) FILTER (WHERE regathered OR tag_reason = 'context-regathering'), 0)::int8
                   AS regathered_wait_us,
               count(*) FILTER (WHERE tag_reason = 'ai-output-rework') AS reworked,
               count(*) FILTER (WHERE fs <> '' AND lineage IS DISTINCT FROM 'linked') AS broken_links
        FROM ho GROUP BY 1, 2, 3, 4
    ), li_sums AS (
        SELECT tenant_id, day, ps, ts, count(*) AS links,
               count(*) FILTER (WHERE link_regathered OR tag_reason = 'context-regathering') AS link_regathered,
               count(*) FILTER (WHERE tag_reason = 'ai-output-rework') AS link_reworked
        FROM li GROUP BY 1, 2, 3, 4
    ), first_to AS (
        -- HandoffColumns.duplicates: [[side, microseconds], …], a side that is not a string is human.
        SELECT h.tenant_id, h.day, CASE WHEN jsonb_typeof(e.pair -> 0) = 'string' THEN e.pair ->> 0 ELSE '' END AS first,
               h.ts, sum(trunc((e.pair ->> 1)::numeric))::int8 AS us
        FROM h, jsonb_array_elements(CASE WHEN jsonb_typeof(h.duplicates) = 'array' THEN h.duplicates END) AS e(pair)
        WHERE h.ts IS NOT NULL AND jsonb_typeof(e.pair) = 'array' AND jsonb_array_length(e.pair) = 2
          AND jsonb_typeof(e.pair -> 1) = 'number' AND trunc((e.pair ->> 1)::numeric) > 0
        GROUP BY 1, 2, 3, 4
    )
    INSERT INTO coordination_rollups AS r (tenant_id, day, grouped_by, side_a, side_b, handoffs, wait_us, context_carried,
                                           uncarried_wait_us, regathered, regathered_wait_us, reworked, broken_links,
                                           links, link_regathered, link_reworked, duplicate_us, other_case_links,
                                           cycle_links, ai_tasks, ai_tasks_consumed, bins, counts)
    SELECT s.tenant_id, s.day, 'from-to', s.fs, s.ts, s.handoffs, s.wait_us, s.context_carried, s.uncarried_wait_us,
           s.regathered, s.regathered_wait_us, s.reworked, s.broken_links, 0, 0, 0, 0, 0, 0, 0, 0, b.bins, b.counts
    FROM ho_sums AS s JOIN ho_bins AS b USING (tenant_id, day, fs, ts)
    UNION ALL
    SELECT s.tenant_id, s.day, 'producer-to', s.ps, s.ts, 0, 0, 0, 0, 0, 0, 0, 0, s.links, s.link_regathered,
           s.link_reworked, 0, 0, 0, 0, 0, COALESCE(b.bins, '{}'), COALESCE(b.counts, '{}')
    FROM li_sums AS s LEFT JOIN li_bins AS b USING (tenant_id, day, ps, ts)
    UNION ALL
    SELECT tenant_id, day, 'to', '', ts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(duplicate_us)::int8, 0, 0, 0, 0, '{}', '{}'
    FROM h WHERE ts IS NOT NULL AND duplicate_us > 0 GROUP BY tenant_id, day, ts
    UNION ALL
    SELECT tenant_id, day, 'first-to', first, ts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, us, 0, 0, 0, 0, '{}', '{}'
    FROM first_to
    UNION ALL
    SELECT tenant_id, day, 'all', '', '', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           count(*) FILTER (WHERE lineage = 'other-case'), count(*) FILTER (WHERE lineage = 'cycle'),
           count(*) FILTER (WHERE to_ai_mode <> 'none'),
           count(DISTINCT (workflow_id, producer_task_id)) FILTER (WHERE lineage = 'linked' AND ps <> ''), '{}', '{}'
    FROM h GROUP BY tenant_id, day
    ON CONFLICT (tenant_id, day, grouped_by, side_a, side_b) DO UPDATE SET
        handoffs = r.handoffs + excluded.handoffs, wait_us = r.wait_us + excluded.wait_us,
        context_carried = r.context_carried + excluded.context_carried,
        uncarried_wait_us = r.uncarried_wait_us + excluded.uncarried_wait_us,
        regathered = r.regathered + excluded.regathered,
        regathered_wait_us = r.regathered_wait_us + excluded.regathered_wait_us,
        reworked = r.reworked + excluded.reworked, broken_links = r.broken_links + excluded.broken_links,
        links = r.links + excluded.links, link_regathered = r.link_regathered + excluded.link_regathered,
        link_reworked = r.link_reworked + excluded.link_reworked, duplicate_us = r.duplicate_us + excluded.duplicate_us,
        other_case_links = r.other_case_links + excluded.other_case_links,
        cycle_links = r.cycle_links + excluded.cycle_links, ai_tasks = r.ai_tasks + excluded.ai_tasks,
        ai_tasks_consumed = r.ai_tasks_consumed + excluded.ai_tasks_consumed,
        (bins, counts) = (SELECT b.bins, b.counts FROM baton_merge_bins(r.bins, r.counts, excluded.bins, excluded.counts) AS b);
END
$$;

--
-- Name: baton_rollup_month(date, text[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_rollup_month(m date, tenants text[], additive boolean) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
    PERFORM baton_rollup_month_before_tokens(m, tenants, additive);
    IF NOT additive THEN
        DELETE FROM token_usage_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    INSERT INTO token_usage_rollups AS r (tenant_id, day, task_day, assistant, provider, model, ai_tasks,
                                          tasks_with_tokens, input_tokens, output_tokens)
    SELECT c.tenant_id, c.day, c.task_day, c.assistant, c.provider, c.model, count(*),
           count(*) FILTER (WHERE c.input IS NOT NULL OR c.output IS NOT NULL),
           COALESCE(sum(c.input), 0)::int8, COALESCE(sum(c.output), 0)::int8
    FROM (
        SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date AS day,
               (t.started_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS task_day, t.assistant,
               baton_token_provider(t.attributes) AS provider, baton_token_model(t.attributes) AS model,
               baton_input_tokens(t.attributes) AS input, baton_output_tokens(t.attributes) AS output
        FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
        WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants)
          AND t.ai_mode <> 'none' AND t.assistant IS NOT NULL
    ) AS c
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT token_usage_rollups_key DO UPDATE SET
        ai_tasks = r.ai_tasks + excluded.ai_tasks, tasks_with_tokens = r.tasks_with_tokens + excluded.tasks_with_tokens,
        input_tokens = r.input_tokens + excluded.input_tokens, output_tokens = r.output_tokens + excluded.output_tokens;
END
$$;

--
-- Name: baton_rollup_month_before_friction(date, text[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_rollup_month_before_friction(m date, tenants text[], additive boolean) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
    PERFORM baton_rollup_month_durations(m, tenants, additive);
    PERFORM baton_rollup_coordination_month(m, tenants, additive);
END
$$;

--
-- Name: baton_rollup_month_before_tokens(date, text[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_rollup_month_before_tokens(m date, tenants text[], additive boolean) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
    PERFORM baton_rollup_month_before_friction(m, tenants, additive);
    IF NOT additive THEN
        DELETE FROM handoff_friction_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    -- The expressions of report_source.handoffs' tool_pair, from_side and to_side, and of
    -- report_source.workflows' closed; a test holds the function's figures from these rows equal
    -- to its figures from the handoffs.
    INSERT INTO handoff_friction_rollups AS r (tenant_id, day, tool_pair, from_side, to_side, closed, reason,
                                               wait_us, handoffs, carried)
    SELECT h.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date,
           (COALESCE(h.from_tool, '') || '→') || h.to_tool,
           CASE WHEN h.from_ai_mode IS NULL THEN NULL WHEN h.from_ai_mode = 'none' THEN 'human'
                ELSE h.from_assistant END,
           CASE WHEN h.to_ai_mode = 'none' THEN 'human' ELSE h.to_assistant END,
           w.lead_us IS NOT NULL, h.tag_reason, sum(h.wait_us)::int8, count(*)::int8,
           sum(h.context_carried::int)::int8
    FROM handoffs AS h JOIN workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
    WHERE h.opened_month = m AND w.opened_month = m AND h.tenant_id = ANY (tenants) AND h.kind = 'handoff'
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT handoff_friction_rollups_key DO UPDATE SET
        wait_us = r.wait_us + excluded.wait_us, handoffs = r.handoffs + excluded.handoffs,
        carried = r.carried + excluded.carried;
END
$$;

--
-- Name: baton_rollup_month_durations(date, text[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_rollup_month_durations(m date, tenants text[], additive boolean) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
    PERFORM baton_rollup_month_sums(m, tenants, additive);
    IF NOT additive THEN
        DELETE FROM task_duration_bins
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
        DELETE FROM task_type_totals
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    -- The ended tasks, with the duration the report reads (report_source.tasks.duration_us), binned;
    -- then counted per key and bin, and each key's bins gathered in ascending order.
    WITH ended AS (
        SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date AS day, t.task_type, t.ai_mode,
               COALESCE(t.assistant, '') AS assistant, COALESCE(w.severity, 'unknown') AS severity, t.workflow_id,
               (date_part('epoch', t.ended_at - t.started_at) * 1e6)::int8 AS duration_us
        FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
        WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants) AND t.ended_at IS NOT NULL
    ), cells AS (
        SELECT tenant_id, day, task_type, ai_mode, assistant, severity, baton_duration_bin(duration_us) AS bin,
               count(*) AS n
        FROM ended GROUP BY 1, 2, 3, 4, 5, 6, 7
    ), histograms AS (
        SELECT tenant_id, day, task_type, ai_mode, assistant, severity, array_agg(bin ORDER BY bin) AS bins,
               array_agg(n ORDER BY bin) AS counts
        FROM cells GROUP BY 1, 2, 3, 4, 5, 6
    ), sums AS (
        SELECT tenant_id, day, task_type, ai_mode, assistant, severity, sum(duration_us)::int8 AS duration_us,
               count(*) AS tasks, count(DISTINCT workflow_id) AS workflows
        FROM ended GROUP BY 1, 2, 3, 4, 5, 6
    )
    INSERT INTO task_duration_bins AS r (tenant_id, day, task_type, ai_mode, assistant, severity, bins, counts,
                                         duration_us, tasks, workflows)
    SELECT s.tenant_id, s.day, s.task_type, s.ai_mode, s.assistant, s.severity, h.bins, h.counts, s.duration_us,
           s.tasks, s.workflows
    FROM sums AS s JOIN histograms AS h USING (tenant_id, day, task_type, ai_mode, assistant, severity)
    ON CONFLICT (tenant_id, day, task_type, ai_mode, assistant, severity) DO UPDATE SET
        (bins, counts) = (SELECT b.bins, b.counts FROM baton_merge_bins(r.bins, r.counts, excluded.bins, excluded.counts) AS b),
        duration_us = r.duration_us + excluded.duration_us, tasks = r.tasks + excluded.tasks,
        workflows = r.workflows + excluded.workflows;
    INSERT INTO task_type_totals AS r (tenant_id, day, task_type, tasks, workflows)
    SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date, t.task_type, count(*),
           count(DISTINCT t.workflow_id)
    FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants) AND t.ended_at IS NOT NULL
    GROUP BY 1, 2, 3
    ON CONFLICT (tenant_id, day, task_type) DO UPDATE SET
        tasks = r.tasks + excluded.tasks, workflows = r.workflows + excluded.workflows;
END
$$;

--
-- Name: baton_rollup_month_sums(date, text[], boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_rollup_month_sums(m date, tenants text[], additive boolean) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public'
    AS $$
BEGIN
    IF NOT additive THEN
        DELETE FROM task_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
        DELETE FROM workflow_rollups
        WHERE tenant_id = ANY (tenants) AND day >= m AND day < (m + interval '1 month')::date;
    END IF;
    INSERT INTO task_rollups AS r (tenant_id, day, assistant, task_type, ai_mode, severity, tasks, ended_tasks,
                                   duration_us, workflows)
    SELECT t.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date, COALESCE(t.assistant, ''), t.task_type,
           t.ai_mode, COALESCE(w.severity, 'unknown'), count(*), count(t.ended_at),
           COALESCE(sum((date_part('epoch', t.ended_at - t.started_at) * 1e6)::int8), 0),
           count(DISTINCT t.workflow_id)
    FROM tasks AS t JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.opened_month = m AND w.opened_month = m AND t.tenant_id = ANY (tenants)
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, assistant, task_type, ai_mode, severity) DO UPDATE SET
        tasks = r.tasks + excluded.tasks, ended_tasks = r.ended_tasks + excluded.ended_tasks,
        duration_us = r.duration_us + excluded.duration_us, workflows = r.workflows + excluded.workflows;
    INSERT INTO workflow_rollups AS r (tenant_id, day, severity, ai_touched, workflows, closed, lead_us, touch_us,
                                       wait_us, intake_us, handoff_wait_us, closure_us, handoffs, cross_tool_handoffs)
    SELECT w.tenant_id, (w.effective_opened_at AT TIME ZONE 'UTC')::date, COALESCE(w.severity, 'unknown'),
           w.ai_touched, count(*), count(w.lead_us), COALESCE(sum(w.lead_us), 0),
           COALESCE(sum(w.touch_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.wait_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.intake_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.handoff_wait_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(w.closure_us) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(h.handoffs) FILTER (WHERE w.lead_us IS NOT NULL), 0),
           COALESCE(sum(h.cross_tool) FILTER (WHERE w.lead_us IS NOT NULL), 0)
    FROM workflows AS w
    LEFT JOIN (
        SELECT tenant_id, workflow_id, count(*) FILTER (WHERE kind = 'handoff') AS handoffs,
               count(*) FILTER (WHERE kind = 'handoff' AND cross_tool) AS cross_tool
        FROM handoffs WHERE opened_month = m AND tenant_id = ANY (tenants) GROUP BY 1, 2
    ) AS h ON h.tenant_id = w.tenant_id AND h.workflow_id = w.workflow_id
    WHERE w.opened_month = m AND w.tenant_id = ANY (tenants)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (tenant_id, day, severity, ai_touched) DO UPDATE SET
        workflows = r.workflows + excluded.workflows, closed = r.closed + excluded.closed,
        lead_us = r.lead_us + excluded.lead_us, touch_us = r.touch_us + excluded.touch_us,
        wait_us = r.wait_us + excluded.wait_us, intake_us = r.intake_us + excluded.intake_us,
        handoff_wait_us = r.handoff_wait_us + excluded.handoff_wait_us, closure_us = r.closure_us + excluded.closure_us,
        handoffs = r.handoffs + excluded.handoffs, cross_tool_handoffs = r.cross_tool_handoffs + excluded.cross_tool_handoffs;
END
$$;

--
-- Name: baton_token_count(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_token_count(v jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN jsonb_typeof(v) = 'number'
                THEN CASE WHEN v::numeric BETWEEN 0 AND 1e12 THEN round(v::numeric) END END
$$;

--
-- Name: baton_token_model(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_token_model(attributes jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(attributes ->> 'gen_ai.response.model', attributes ->> 'gen_ai.request.model')
$$;

--
-- Name: baton_token_provider(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.baton_token_provider(attributes jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(attributes ->> 'gen_ai.provider.name', attributes ->> 'gen_ai.system')
$$;

--
-- Name: handoff_friction(text, timestamp with time zone, timestamp with time zone, date, date, text, boolean); Type: FUNCTION; Schema: report_source; Owner: -
--

CREATE FUNCTION report_source.handoff_friction(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone, p_first_month date, p_last_month date, p_class_by text, p_rollups boolean) RETURNS TABLE(classes text[], class_waits bigint[], class_handoffs bigint[], class_mean_waits double precision[], class_carried double precision[], reason_classes text[], reasons text[], reason_waits bigint[], context_carried_share double precision, waiting_tagged_share double precision)
    LANGUAGE sql STABLE
    AS $$
WITH w AS (
    SELECT workflow_id, closed FROM report_source.workflows
    WHERE NOT p_rollups AND tenant_id = p_tenant AND opened_at >= p_from AND opened_at < p_to
), g AS MATERIALIZED (
    -- One grouped pass; everything below reads these few rows.
    SELECT CASE p_class_by WHEN 'assistant' THEN COALESCE(h.from_side, '') || '→' || h.to_side ELSE h.tool_pair END
               AS cls,
           w.closed, h.tag_reason AS reason, sum(h.wait_us)::int8 AS wait, count(*)::int8 AS n,
           sum(h.context_carried::int)::int8 AS carried
    FROM report_source.handoffs AS h JOIN w USING (workflow_id)
    WHERE NOT p_rollups AND h.tenant_id = p_tenant AND h.kind = 'handoff'
      AND h.opened_month BETWEEN p_first_month AND p_last_month
    GROUP BY 1, w.closed, h.tag_reason
    UNION ALL
    SELECT CASE p_class_by WHEN 'assistant' THEN COALESCE(r.from_side, '') || '→' || r.to_side ELSE r.tool_pair END,
           r.closed, r.reason, sum(r.wait_us)::int8, sum(r.handoffs)::int8, sum(r.carried)::int8
    FROM report_source.handoff_friction_rollups AS r
    WHERE p_rollups AND r.tenant_id = p_tenant
      AND r.day >= (p_from AT TIME ZONE 'UTC')::date AND r.day < (p_to AT TIME ZONE 'UTC')::date
    GROUP BY 1, r.closed, r.reason
), top AS (
    SELECT cls, sum(wait)::int8 AS wait, sum(n)::int8 AS n, (sum(wait) / sum(n))::float8 AS mean,
           (sum(carried)::float8 / sum(n))::float8 AS carried
    FROM g WHERE closed GROUP BY cls ORDER BY 2 DESC, 1 LIMIT 50
), reasons AS (
    SELECT cls, reason, sum(wait)::int8 AS wait FROM g
    WHERE closed AND reason IS NOT NULL GROUP BY 1, 2
)
SELECT (SELECT COALESCE(array_agg(cls ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(wait ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(n ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(mean ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(carried ORDER BY wait DESC, cls), '{}') FROM top),
       (SELECT COALESCE(array_agg(cls ORDER BY cls, reason), '{}') FROM reasons),
       (SELECT COALESCE(array_agg(reason ORDER BY cls, reason), '{}') FROM reasons),
       (SELECT COALESCE(array_agg(wait ORDER BY cls, reason), '{}') FROM reasons),
       (SELECT sum(carried)::float8 / NULLIF(sum(n), 0)::float8 FROM g),
       (SELECT (sum(wait) FILTER (WHERE reason IS NOT NULL))::float8 / NULLIF(sum(wait), 0)::float8 FROM g)
$$;

--
-- Name: assistant_effect_rows(text, timestamp with time zone, timestamp with time zone, integer, boolean); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.assistant_effect_rows(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone, p_min_sample integer, p_by_week boolean) RETURNS TABLE(assistant text, week_start date, estimator text, time_block text, treated_cases bigint, control_cases bigint, coverage double precision, delta_lead_hours double precision, delta_touch_hours double precision, delta_touch_se_hours double precision, delta_wait_hours double precision, counterfactual_lead_hours double precision, lead_reduction double precision, value_capture double precision)
    LANGUAGE sql STABLE
    AS $$
WITH period AS (
    SELECT w.workflow_id, w.closed, w.category, w.severity, w.opened_at, w.lead_us, w.touch_us
    FROM reporting.workflows AS w
    WHERE w.tenant_id = p_tenant AND w.opened_at >= p_from AND w.opened_at < p_to
), wf AS (
    SELECT * FROM period WHERE closed
), period_tasks AS (
    SELECT t.workflow_id, t.task_type, t.assistant, t.ai, t.ended_at IS NOT NULL AS finished, t.started_at
    FROM reporting.tasks AS t JOIN period USING (workflow_id)
    WHERE t.tenant_id = p_tenant
), served AS (
    SELECT DISTINCT t.assistant, t.task_type FROM period_tasks AS t
    WHERE t.ai AND t.finished AND COALESCE(t.assistant, '') <> ''
), kcount AS (
    SELECT s.assistant, count(*) AS k FROM served AS s GROUP BY 1
), touched AS (
    SELECT DISTINCT t.assistant, t.workflow_id FROM period_tasks AS t JOIN wf USING (workflow_id)
    WHERE t.ai AND COALESCE(t.assistant, '') <> ''
), reached AS (
    SELECT s.assistant, t.workflow_id, string_agg(DISTINCT t.task_type, E'\x1f' ORDER BY t.task_type) AS profile
    FROM period_tasks AS t JOIN wf USING (workflow_id) JOIN served AS s ON s.task_type = t.task_type
    WHERE t.finished GROUP BY 1, 2
), rollouts AS (
    SELECT DISTINCT a.rollout_at FROM reporting.assistants AS a
    WHERE a.tenant_id = p_tenant AND a.rollout_at IS NOT NULL
), starts AS (
    -- Cases opened before the assistant's rollout (registered, else its first AI task) are left
    -- out: whether one met the assistant depended on how long it took to reach its step.
    SELECT k.assistant,
           COALESCE((SELECT a.rollout_at FROM reporting.assistants AS a
                     WHERE a.tenant_id = p_tenant AND a.assistant = k.assistant),
                    (SELECT min(t.started_at) FROM period_tasks AS t
                     WHERE t.ai AND t.finished AND t.assistant = k.assistant)) AS start
    FROM kcount AS k
), arms AS (
    SELECT k.assistant, w.category, w.severity, w.lead_us, w.touch_us,
           t.workflow_id IS NOT NULL AS treated,
           CASE WHEN k.k > 1 THEN COALESCE(r.profile, '') ELSE '' END AS profile,
           (SELECT count(*) FROM rollouts AS o WHERE o.rollout_at <= w.opened_at) AS epoch,
           date_trunc('week', w.opened_at AT TIME ZONE 'UTC') AS wk,
           date_trunc('month', w.opened_at AT TIME ZONE 'UTC') AS mo,
           date_trunc('quarter', w.opened_at AT TIME ZONE 'UTC') AS qu,
           CASE WHEN p_by_week THEN date_trunc('week', w.opened_at AT TIME ZONE 'UTC')::date
                ELSE date '-infinity' END AS sample_week
    FROM kcount AS k JOIN starts AS st USING (assistant) CROSS JOIN wf AS w
    LEFT JOIN touched AS t ON t.assistant = k.assistant AND t.workflow_id = w.workflow_id
    LEFT JOIN reached AS r ON r.assistant = k.assistant AND r.workflow_id = w.workflow_id
    WHERE (t.workflow_id IS NOT NULL OR r.workflow_id IS NOT NULL)
      AND (st.start IS NULL OR w.opened_at >= st.start)
), l1 AS (
    -- Progressive coarsening: a case is compared in its week when that weekly stratum has 2 cases
    -- in each arm; the cases left are counted among themselves by month, then by quarter, then
    -- across categories.
    SELECT a.*, count(*) FILTER (WHERE treated) OVER g >= 2 AND count(*) FILTER (WHERE NOT treated) OVER g >= 2 AS u1
    FROM arms AS a WINDOW g AS (PARTITION BY assistant, sample_week, category, severity, epoch, profile, wk)
), l2 AS (
    SELECT l1.*, NOT u1 AND count(*) FILTER (WHERE NOT u1 AND treated) OVER g >= 2
                 AND count(*) FILTER (WHERE NOT u1 AND NOT treated) OVER g >= 2 AS u2
    FROM l1 WINDOW g AS (PARTITION BY assistant, sample_week, category, severity, epoch, profile, mo)
), l3 AS (
    SELECT l2.*, NOT (u1 OR u2) AND count(*) FILTER (WHERE NOT (u1 OR u2) AND treated) OVER g >= 2
                 AND count(*) FILTER (WHERE NOT (u1 OR u2) AND NOT treated) OVER g >= 2 AS u3
    FROM l2 WINDOW g AS (PARTITION BY assistant, sample_week, category, severity, epoch, profile, qu)
), l4 AS (
    SELECT l3.*, NOT (u1 OR u2 OR u3) AND count(*) FILTER (WHERE NOT (u1 OR u2 OR u3) AND treated) OVER g >= 2
                 AND count(*) FILTER (WHERE NOT (u1 OR u2 OR u3) AND NOT treated) OVER g >= 2 AS u4
    FROM l3 WINDOW g AS (PARTITION BY assistant, sample_week, severity, epoch, profile)
), used AS (
    SELECT level, assistant, sample_week, count(*) FILTER (WHERE treated) AS nt, count(*) FILTER (WHERE NOT treated) AS nc,
           sum(lead_us) FILTER (WHERE treated)::float8 AS lead_t, sum(lead_us) FILTER (WHERE NOT treated)::float8 AS lead_c,
           sum(touch_us) FILTER (WHERE treated)::float8 AS touch_t, sum(touch_us) FILTER (WHERE NOT treated)::float8 AS touch_c,
           var_samp(touch_us::float8) FILTER (WHERE treated) AS touch_var_t,
           var_samp(touch_us::float8) FILTER (WHERE NOT treated) AS touch_var_c
    FROM (
        SELECT l4.*, CASE WHEN u1 THEN 1 WHEN u2 THEN 2 WHEN u3 THEN 3 WHEN u4 THEN 4 END AS level,
               CASE WHEN u1 THEN wk WHEN u2 THEN mo WHEN u3 THEN qu END AS block
        FROM l4
    ) AS placed
    WHERE level IS NOT NULL
    GROUP BY level, assistant, sample_week, block, CASE WHEN level = 4 THEN '' ELSE category END, severity, epoch,
             profile
), totals AS (
    SELECT a.assistant, a.sample_week, count(*) FILTER (WHERE a.treated) AS all_t,
           count(*) FILTER (WHERE NOT a.treated) AS all_c
    FROM arms AS a GROUP BY 1, 2
), estimate AS (
    SELECT t.assistant, t.sample_week, t.all_t, t.all_c, COALESCE(sum(u.nt), 0) AS used_t,
           COALESCE(sum(u.nc), 0) AS used_c, COALESCE(max(u.level), 1) AS level,
           sum(u.nt::float8 / x.used_t * (u.lead_t / u.nt - u.lead_c / u.nc)) / 3600000000.0 AS dl,
           sum(u.nt::float8 / x.used_t * (u.touch_t / u.nt - u.touch_c / u.nc)) / 3600000000.0 AS da,
           sum(u.nt::float8 / x.used_t * (u.lead_c / u.nc)) / 3600000000.0 AS cf,
           -- Every used stratum has at least 2 cases in each arm, so both sample variances exist.
           sqrt(sum((u.nt::float8 / x.used_t) ^ 2 * (u.touch_var_t / u.nt + u.touch_var_c / u.nc)))
               / 3600000000.0 AS da_se
    FROM totals AS t
    LEFT JOIN used AS u USING (assistant, sample_week)
    LEFT JOIN (SELECT assistant, sample_week, sum(nt) AS used_t FROM used GROUP BY 1, 2) AS x
        USING (assistant, sample_week)
    GROUP BY 1, 2, 3, 4
)
SELECT e.assistant, CASE WHEN p_by_week THEN e.sample_week END, 'eligible',
       (ARRAY['week', 'month', 'quarter', 'any category'])[e.level], e.all_t, e.all_c,
       e.used_t::float8 / NULLIF(e.all_t, 0),
       CASE WHEN ok THEN e.dl END, CASE WHEN ok THEN e.da END, CASE WHEN ok THEN e.da_se END,
       CASE WHEN ok THEN e.dl - e.da END, CASE WHEN ok THEN e.cf END,
       CASE WHEN ok AND e.cf > 0 THEN -e.dl / e.cf END,
       -- Realized over predicted only when work clearly shrank: a ratio over a ΔA that may be
       -- noise (or an increase) says nothing. 1.96 standard errors stand in for the report's
       -- bootstrap interval excluding 0.
       CASE WHEN ok AND e.da < 0 AND -e.da > 1.96 * e.da_se THEN e.dl / e.da END
FROM estimate AS e
CROSS JOIN LATERAL (
    SELECT e.used_t >= greatest(p_min_sample, 10) AND e.used_c >= greatest(p_min_sample, 10)
           AND COALESCE(e.used_t::float8 / NULLIF(e.all_t, 0), 0) >= 0.5 AS ok
) AS sufficient
ORDER BY e.assistant, e.sample_week
$$;

--
-- Name: assistant_effects(text, timestamp with time zone, timestamp with time zone, integer); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.assistant_effects(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone, p_min_sample integer DEFAULT 30) RETURNS TABLE(assistant text, estimator text, time_block text, treated_cases bigint, control_cases bigint, coverage double precision, delta_lead_hours double precision, delta_touch_hours double precision, delta_wait_hours double precision, counterfactual_lead_hours double precision, lead_reduction double precision)
    LANGUAGE sql STABLE
    AS $$
SELECT r.assistant, r.estimator, r.time_block, r.treated_cases, r.control_cases, r.coverage, r.delta_lead_hours,
       r.delta_touch_hours, r.delta_wait_hours, r.counterfactual_lead_hours, r.lead_reduction
FROM reporting.assistant_effect_rows(p_tenant, p_from, p_to, p_min_sample, false) AS r
ORDER BY r.assistant
$$;

--
-- Name: assistant_weekly_effects(text, timestamp with time zone, timestamp with time zone, integer); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.assistant_weekly_effects(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone, p_min_sample integer DEFAULT 30) RETURNS TABLE(assistant text, week_start date, estimator text, time_block text, treated_cases bigint, control_cases bigint, coverage double precision, delta_lead_hours double precision, delta_touch_hours double precision, delta_touch_se_hours double precision, delta_wait_hours double precision, counterfactual_lead_hours double precision, lead_reduction double precision, value_capture double precision)
    LANGUAGE sql STABLE
    AS $$
SELECT * FROM reporting.assistant_effect_rows(p_tenant, p_from, p_to, p_min_sample, true)
$$;

--
-- Name: claimed_effort(text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.claimed_effort(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE(assistant text, effort_saved_hours double precision, ai_tasks bigint)
    LANGUAGE sql STABLE
    AS $$
WITH t AS (
    SELECT t.task_type, w.severity, t.assistant, t.ai, t.duration_minutes
    FROM reporting.tasks AS t JOIN reporting.workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.tenant_id = p_tenant AND w.opened_at >= p_from AND w.opened_at < p_to AND t.ended_at IS NOT NULL
), b AS (
    SELECT task_type, severity, avg(duration_minutes) AS mean FROM t WHERE NOT ai GROUP BY 1, 2
)
SELECT t.assistant, sum(b.mean - t.duration_minutes) / 60, count(*)
FROM t JOIN b USING (task_type, severity) WHERE t.ai GROUP BY t.assistant
$$;

--
-- Name: context_carried_share(text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.context_carried_share(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS double precision
    LANGUAGE sql STABLE
    AS $$
SELECT avg(h.context_carried::int)::float8
FROM reporting.handoffs AS h JOIN reporting.workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
WHERE h.tenant_id = p_tenant AND h.kind = 'handoff' AND w.opened_at >= p_from AND w.opened_at < p_to
$$;

--
-- Name: intervention_annotations(text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.intervention_annotations(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE("time" timestamp with time zone, text text, tags text[])
    LANGUAGE sql STABLE
    AS $$
SELECT i.effective_at, '#' || i.intervention_id || ' ' || i.description || ' (' || i.target_kind || ' ' || i.target || ')',
       ARRAY['intervention', i.target_kind]
FROM reporting.interventions AS i
WHERE i.tenant_id = p_tenant AND i.effective_at >= p_from AND i.effective_at < p_to
ORDER BY i.effective_at, i.intervention_id
$$;

--
-- Name: task_speedups(text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.task_speedups(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE(assistant text, task_type text, ai_tasks bigint, baseline_tasks bigint, baseline_median_minutes double precision, ai_median_minutes double precision, speedup double precision)
    LANGUAGE sql STABLE
    AS $$
WITH t AS (
    SELECT t.task_type, t.assistant, t.ai, t.duration_minutes
    FROM reporting.tasks AS t JOIN reporting.workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
    WHERE t.tenant_id = p_tenant AND w.opened_at >= p_from AND w.opened_at < p_to AND t.ended_at IS NOT NULL
), b AS (
    SELECT task_type, percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_minutes) AS median, count(*) AS n
    FROM t WHERE NOT ai GROUP BY task_type
), a AS (
    SELECT assistant, task_type, percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_minutes) AS median,
           count(*) AS n
    FROM t WHERE ai GROUP BY assistant, task_type
)
SELECT a.assistant, a.task_type, a.n, b.n, b.median, a.median, b.median / NULLIF(a.median, 0)
FROM a JOIN b USING (task_type)
$$;

--
-- Name: visible_tenants(name); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.visible_tenants(reader name) RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public'
    AS $$
    SELECT CASE
        WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baton_reader')
          OR NOT pg_has_role(reader, 'baton_reader', 'MEMBER')
          -- pg_has_role says a superuser is a member of every role; it is not a reader.
          OR (SELECT rolsuper FROM pg_roles WHERE rolname = reader) THEN NULL
        WHEN EXISTS (SELECT 1 FROM public.reporting_reader_tenants WHERE role_name = reader AND tenant_id = '*') THEN NULL
        ELSE COALESCE((SELECT array_agg(tenant_id) FROM public.reporting_reader_tenants WHERE role_name = reader), '{}')
    END
$$;

--
-- Name: waiting_near_assistant(text, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.waiting_near_assistant(p_tenant text, p_assistant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE(tool_pair text, waiting_hours double precision)
    LANGUAGE sql STABLE
    AS $$
SELECT h.tool_pair, sum(h.wait_hours)
FROM reporting.handoffs AS h
JOIN reporting.tasks AS t ON t.tenant_id = h.tenant_id AND t.task_id IN (h.handoff_id, h.from_task_id)
WHERE h.tenant_id = p_tenant AND h.kind = 'handoff' AND t.assistant = p_assistant AND t.ai
  AND h.handed_at >= p_from AND h.handed_at < p_to
GROUP BY 1
$$;

--
-- Name: weekly_flow_efficiency(text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.weekly_flow_efficiency(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE(week timestamp with time zone, median double precision, p90 double precision)
    LANGUAGE sql STABLE
    AS $$
SELECT date_trunc('week', w.opened_at, 'UTC'),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY w.flow_efficiency),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY w.flow_efficiency)
FROM reporting.workflows AS w
WHERE w.tenant_id = p_tenant AND w.closed AND w.opened_at >= p_from AND w.opened_at < p_to
GROUP BY 1
$$;

--
-- Name: weekly_lead_means(text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.weekly_lead_means(p_tenant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE(week timestamp with time zone, touched_lead_hours double precision, untouched_lead_hours double precision)
    LANGUAGE sql STABLE
    AS $$
SELECT date_trunc('week', r.day::timestamptz, 'UTC'),
       sum(r.lead_us) FILTER (WHERE r.ai_touched)::float8 / NULLIF(sum(r.closed) FILTER (WHERE r.ai_touched), 0) / 3600e6,
       sum(r.lead_us) FILTER (WHERE NOT r.ai_touched)::float8
           / NULLIF(sum(r.closed) FILTER (WHERE NOT r.ai_touched), 0) / 3600e6
FROM reporting.workflow_rollups AS r
WHERE r.tenant_id = p_tenant AND r.day::timestamptz >= p_from AND r.day::timestamptz < p_to
GROUP BY 1
$$;

--
-- Name: weekly_task_durations(text, text, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.weekly_task_durations(p_tenant text, p_assistant text, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS TABLE(week timestamp with time zone, ai_median double precision, ai_p90 double precision, without_ai_median double precision, without_ai_p90 double precision)
    LANGUAGE sql STABLE
    AS $$
WITH types AS (
    SELECT DISTINCT task_type FROM reporting.tasks WHERE tenant_id = p_tenant AND assistant = p_assistant AND ai
)
SELECT date_trunc('week', t.started_at, 'UTC'),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE t.ai AND t.assistant = p_assistant),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE t.ai AND t.assistant = p_assistant),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE NOT t.ai),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.duration_minutes) FILTER (WHERE NOT t.ai)
FROM reporting.tasks AS t JOIN types USING (task_type)
WHERE t.tenant_id = p_tenant AND t.ended_at IS NOT NULL AND t.started_at >= p_from AND t.started_at < p_to
GROUP BY 1
$$;

--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_tokens (
    tenant_id text NOT NULL,
    token_id text NOT NULL,
    token_hash bytea NOT NULL,
    role text NOT NULL,
    label text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    CONSTRAINT api_tokens_role_check CHECK ((role = ANY (ARRAY['ingest'::text, 'analyst'::text, 'viewer'::text, 'admin'::text]))),
    CONSTRAINT api_tokens_token_hash_check CHECK ((length(token_hash) = 32))
);

--
-- Name: assistants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assistants (
    tenant_id text NOT NULL,
    name text NOT NULL,
    tool text,
    category text,
    archetype text,
    rollout_at timestamp with time zone,
    registered_at timestamp with time zone,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    monthly_cost numeric,
    cost_currency text,
    cost_from date,
    CONSTRAINT assistants_archetype_check CHECK ((archetype = ANY (ARRAY['taker'::text, 'shaper'::text, 'builder'::text]))),
    CONSTRAINT assistants_category_check CHECK ((category = ANY (ARRAY['off-the-shelf-llm'::text, 'copilot'::text, 'agent'::text, 'supervised-ml'::text, 'custom-llm'::text]))),
    CONSTRAINT assistants_cost_complete CHECK ((((monthly_cost IS NULL) = (cost_currency IS NULL)) AND ((cost_from IS NULL) OR (monthly_cost IS NOT NULL)))),
    CONSTRAINT assistants_cost_currency_check CHECK ((cost_currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT assistants_monthly_cost_check CHECK (((monthly_cost >= (0)::numeric) AND (monthly_cost < '1000000000000'::numeric)))
);

--
-- Name: baton_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.baton_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: baton_views; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.baton_views (
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: coordination_rollups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.coordination_rollups (
    tenant_id text NOT NULL,
    day date NOT NULL,
    grouped_by text NOT NULL,
    side_a text NOT NULL,
    side_b text NOT NULL,
    handoffs bigint DEFAULT 0 NOT NULL,
    wait_us bigint DEFAULT 0 NOT NULL,
    context_carried bigint DEFAULT 0 NOT NULL,
    uncarried_wait_us bigint DEFAULT 0 NOT NULL,
    regathered bigint DEFAULT 0 NOT NULL,
    regathered_wait_us bigint DEFAULT 0 NOT NULL,
    reworked bigint DEFAULT 0 NOT NULL,
    broken_links bigint DEFAULT 0 NOT NULL,
    links bigint DEFAULT 0 NOT NULL,
    link_regathered bigint DEFAULT 0 NOT NULL,
    link_reworked bigint DEFAULT 0 NOT NULL,
    duplicate_us bigint DEFAULT 0 NOT NULL,
    other_case_links bigint DEFAULT 0 NOT NULL,
    cycle_links bigint DEFAULT 0 NOT NULL,
    ai_tasks bigint DEFAULT 0 NOT NULL,
    ai_tasks_consumed bigint DEFAULT 0 NOT NULL,
    bins integer[] DEFAULT '{}'::integer[] NOT NULL,
    counts bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    CONSTRAINT coordination_rollups_check CHECK ((cardinality(bins) = cardinality(counts))),
    CONSTRAINT coordination_rollups_grouped_by_check CHECK ((grouped_by = ANY (ARRAY['from-to'::text, 'producer-to'::text, 'to'::text, 'first-to'::text, 'all'::text])))
);

--
-- Name: data_generations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.data_generations (
    tenant_id text NOT NULL,
    generation bigint NOT NULL
);

--
-- Name: experiment_assignments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.experiment_assignments (
    tenant_id text NOT NULL,
    experiment text NOT NULL,
    workflow_id text NOT NULL,
    arm text NOT NULL,
    assigned_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT experiment_assignments_arm_check CHECK ((arm = ANY (ARRAY['use'::text, 'holdout'::text])))
);

--
-- Name: experiments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.experiments (
    tenant_id text NOT NULL,
    name text NOT NULL,
    assistant text NOT NULL,
    holdout_share double precision NOT NULL,
    task_types text[],
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone,
    planned_sample bigint,
    stopped_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT experiments_check CHECK (((ends_at IS NULL) OR (ends_at > starts_at))),
    CONSTRAINT experiments_holdout_share_check CHECK (((holdout_share >= (0.05)::double precision) AND (holdout_share <= (0.5)::double precision))),
    CONSTRAINT experiments_planned_sample_check CHECK (((planned_sample IS NULL) OR (planned_sample > 0)))
);

--
-- Name: handoff_friction_rollups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.handoff_friction_rollups (
    tenant_id text NOT NULL,
    day date NOT NULL,
    tool_pair text,
    from_side text,
    to_side text,
    closed boolean NOT NULL,
    reason text,
    wait_us bigint NOT NULL,
    handoffs bigint NOT NULL,
    carried bigint NOT NULL
);

--
-- Name: handoff_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.handoff_tags (
    tenant_id text NOT NULL,
    tag_id bigint NOT NULL,
    workflow_id text NOT NULL,
    to_task_id text NOT NULL,
    reason text NOT NULL,
    note text,
    tagged_by text,
    tagged_at timestamp with time zone DEFAULT now() NOT NULL,
    opened_month date NOT NULL,
    CONSTRAINT handoff_tags_reason_check CHECK ((reason = ANY (ARRAY['queue-wait'::text, 'approval-wait'::text, 'context-regathering'::text, 'tool-switch'::text, 'shift-change'::text, 'missing-escalation-path'::text, 'awaiting-requester'::text, 'ai-output-rework'::text, 'other'::text])))
);

--
-- Name: handoff_tags_tag_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.handoff_tags ALTER COLUMN tag_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.handoff_tags_tag_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: handoffs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.handoffs (
    tenant_id text NOT NULL,
    workflow_id text NOT NULL,
    to_task_id text NOT NULL,
    seq integer NOT NULL,
    kind text NOT NULL,
    from_task_id text,
    wait_us bigint NOT NULL,
    handed_at timestamp with time zone NOT NULL,
    from_tool text,
    to_tool text NOT NULL,
    from_stage text,
    to_stage text,
    from_actor text,
    to_actor text,
    cross_tool boolean NOT NULL,
    ai_boundary boolean NOT NULL,
    context_carried boolean NOT NULL,
    current_tag_id bigint,
    tag_reason text,
    tagged_at timestamp with time zone,
    opened_month date NOT NULL,
    from_assistant text,
    from_ai_mode text,
    to_assistant text,
    to_ai_mode text DEFAULT 'none'::text NOT NULL,
    producer_task_id text,
    lineage text,
    producer_assistant text,
    producer_ai_mode text,
    lineage_wait_us bigint,
    regathered boolean DEFAULT false NOT NULL,
    link_regathered boolean DEFAULT false NOT NULL,
    duplicate_us bigint DEFAULT 0 NOT NULL,
    duplicates jsonb,
    CONSTRAINT handoffs_duplicate_us_check CHECK ((duplicate_us >= 0)),
    CONSTRAINT handoffs_from_ai_mode_check CHECK ((from_ai_mode = ANY (ARRAY['none'::text, 'assisted'::text, 'autonomous'::text]))),
    CONSTRAINT handoffs_kind_check CHECK ((kind = ANY (ARRAY['intake'::text, 'handoff'::text]))),
    CONSTRAINT handoffs_lineage_check CHECK ((lineage = ANY (ARRAY['linked'::text, 'other-case'::text, 'cycle'::text]))),
    CONSTRAINT handoffs_lineage_wait_us_check CHECK ((lineage_wait_us >= 0)),
    CONSTRAINT handoffs_producer_ai_mode_check CHECK ((producer_ai_mode = ANY (ARRAY['none'::text, 'assisted'::text, 'autonomous'::text]))),
    CONSTRAINT handoffs_to_ai_mode_check CHECK ((to_ai_mode = ANY (ARRAY['none'::text, 'assisted'::text, 'autonomous'::text]))),
    CONSTRAINT handoffs_wait_us_check CHECK ((wait_us >= 0))
)
PARTITION BY RANGE (opened_month);

--
-- Name: interventions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.interventions (
    tenant_id text NOT NULL,
    intervention_id integer NOT NULL,
    effective_at timestamp with time zone NOT NULL,
    target_kind text NOT NULL,
    target text NOT NULL,
    description text NOT NULL,
    created_by text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT interventions_description_check CHECK (((length(description) >= 1) AND (length(description) <= 1000))),
    CONSTRAINT interventions_intervention_id_check CHECK ((intervention_id > 0)),
    CONSTRAINT interventions_target_check CHECK (((length(target) >= 1) AND (length(target) <= 257))),
    CONSTRAINT interventions_target_kind_check CHECK ((target_kind = ANY (ARRAY['handoff-class'::text, 'assistant-pair'::text, 'assistant'::text])))
);

--
-- Name: perceptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.perceptions (
    tenant_id text NOT NULL,
    perception_id bigint NOT NULL,
    assistant text NOT NULL,
    respondent_role text,
    rating text NOT NULL,
    rated_at timestamp with time zone NOT NULL,
    note text,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT perceptions_rating_check CHECK ((rating = ANY (ARRAY['excellent'::text, 'good'::text, 'some'::text, 'none'::text])))
);

--
-- Name: perceptions_perception_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.perceptions ALTER COLUMN perception_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.perceptions_perception_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: reporting_reader_tenants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reporting_reader_tenants (
    role_name name NOT NULL,
    tenant_id text NOT NULL
);

--
-- Name: retired_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.retired_months (
    month date NOT NULL,
    retired_at timestamp with time zone DEFAULT now() NOT NULL,
    cleared boolean DEFAULT false NOT NULL
);

--
-- Name: rollup_dirty; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rollup_dirty (
    tenant_id text NOT NULL,
    month date NOT NULL
);

--
-- Name: task_duration_bins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task_duration_bins (
    tenant_id text NOT NULL,
    day date NOT NULL,
    task_type text NOT NULL,
    ai_mode text NOT NULL,
    assistant text NOT NULL,
    severity text NOT NULL,
    bins integer[] NOT NULL,
    counts bigint[] NOT NULL,
    duration_us bigint NOT NULL,
    tasks bigint NOT NULL,
    workflows bigint NOT NULL,
    CONSTRAINT task_duration_bins_check CHECK ((cardinality(bins) = cardinality(counts)))
);

--
-- Name: task_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task_keys (
    tenant_id text NOT NULL,
    task_id text NOT NULL,
    workflow_id text NOT NULL
);

--
-- Name: task_rollups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task_rollups (
    tenant_id text NOT NULL,
    day date NOT NULL,
    assistant text NOT NULL,
    task_type text NOT NULL,
    ai_mode text NOT NULL,
    severity text NOT NULL,
    tasks bigint NOT NULL,
    ended_tasks bigint NOT NULL,
    duration_us bigint NOT NULL,
    workflows bigint NOT NULL
);

--
-- Name: task_type_totals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task_type_totals (
    tenant_id text NOT NULL,
    day date NOT NULL,
    task_type text NOT NULL,
    tasks bigint NOT NULL,
    workflows bigint NOT NULL
);

--
-- Name: tasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tasks (
    tenant_id text NOT NULL,
    task_id text NOT NULL,
    workflow_id text NOT NULL,
    task_type text NOT NULL,
    stage text,
    tool text NOT NULL,
    actor text,
    assistant text,
    ai_mode text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    context_from text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    attributes jsonb,
    opened_month date NOT NULL,
    CONSTRAINT tasks_ai_mode_check CHECK ((ai_mode = ANY (ARRAY['none'::text, 'assisted'::text, 'autonomous'::text]))),
    CONSTRAINT tasks_check CHECK (((ended_at IS NULL) OR (ended_at >= started_at))),
    CONSTRAINT tasks_check1 CHECK (((ai_mode = 'none'::text) OR (assistant IS NOT NULL))),
    CONSTRAINT tasks_stage_check CHECK ((stage = ANY (ARRAY['detection'::text, 'triage'::text, 'investigation'::text, 'response'::text, 'closure'::text])))
)
PARTITION BY RANGE (opened_month);

--
-- Name: tenants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tenants (
    tenant_id text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    delivery_model text,
    display_name text,
    export_salt bytea DEFAULT decode(replace(((gen_random_uuid())::text || (gen_random_uuid())::text), '-'::text, ''::text), 'hex'::text) NOT NULL,
    assignment_secret bytea DEFAULT decode(replace(((gen_random_uuid())::text || (gen_random_uuid())::text), '-'::text, ''::text), 'hex'::text) NOT NULL,
    hourly_rate numeric,
    CONSTRAINT tenants_assignment_secret_check CHECK ((length(assignment_secret) = 32)),
    CONSTRAINT tenants_delivery_model_check CHECK ((delivery_model = ANY (ARRAY['in-house'::text, 'hybrid'::text, 'mssp'::text]))),
    CONSTRAINT tenants_export_salt_check CHECK ((length(export_salt) = 32)),
    CONSTRAINT tenants_hourly_rate_check CHECK (((hourly_rate >= (0)::numeric) AND (hourly_rate < '1000000000'::numeric))),
    CONSTRAINT tenants_tenant_id_check CHECK ((tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'::text))
);

--
-- Name: token_prices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.token_prices (
    tenant_id text NOT NULL,
    provider text NOT NULL,
    model text NOT NULL,
    effective_from date NOT NULL,
    currency text NOT NULL,
    input_per_million numeric NOT NULL,
    output_per_million numeric NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT token_prices_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT token_prices_input_per_million_check CHECK (((input_per_million >= (0)::numeric) AND (input_per_million < '1000000000'::numeric))),
    CONSTRAINT token_prices_output_per_million_check CHECK (((output_per_million >= (0)::numeric) AND (output_per_million < '1000000000'::numeric)))
);

--
-- Name: token_usage_rollups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.token_usage_rollups (
    tenant_id text NOT NULL,
    day date NOT NULL,
    task_day integer NOT NULL,
    assistant text NOT NULL,
    provider text,
    model text,
    ai_tasks bigint NOT NULL,
    tasks_with_tokens bigint NOT NULL,
    input_tokens bigint NOT NULL,
    output_tokens bigint NOT NULL
);

--
-- Name: workflow_rollups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workflow_rollups (
    tenant_id text NOT NULL,
    day date NOT NULL,
    severity text NOT NULL,
    ai_touched boolean NOT NULL,
    workflows bigint NOT NULL,
    closed bigint NOT NULL,
    lead_us bigint NOT NULL,
    touch_us bigint NOT NULL,
    wait_us bigint NOT NULL,
    intake_us bigint NOT NULL,
    handoff_wait_us bigint NOT NULL,
    closure_us bigint NOT NULL,
    handoffs bigint NOT NULL,
    cross_tool_handoffs bigint NOT NULL
);

--
-- Name: workflows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workflows (
    tenant_id text NOT NULL,
    workflow_id text NOT NULL,
    reported boolean DEFAULT false NOT NULL,
    opened_at timestamp with time zone,
    closed_at timestamp with time zone,
    severity text,
    category text,
    outcome text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    effective_opened_at timestamp with time zone,
    opened_inferred boolean DEFAULT false NOT NULL,
    task_count integer DEFAULT 0 NOT NULL,
    running_tasks integer DEFAULT 0 NOT NULL,
    tasks_outside_window integer DEFAULT 0 NOT NULL,
    ai_touched boolean DEFAULT false NOT NULL,
    ping_pong boolean DEFAULT false NOT NULL,
    lead_us bigint,
    touch_us bigint,
    wait_us bigint,
    effort_us bigint,
    intake_us bigint,
    handoff_wait_us bigint,
    closure_us bigint,
    opened_month date GENERATED ALWAYS AS (public.baton_month(effective_opened_at)) STORED,
    coordination_pending boolean DEFAULT false NOT NULL,
    CONSTRAINT workflows_check CHECK (((closed_at IS NULL) OR (opened_at IS NULL) OR (closed_at >= opened_at))),
    CONSTRAINT workflows_check1 CHECK (((lead_us IS NULL) OR ((((touch_us + intake_us) + handoff_wait_us) + closure_us) = lead_us))),
    CONSTRAINT workflows_severity_check CHECK ((severity = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'critical'::text])))
);

--
-- Name: assistants; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.assistants AS
 SELECT a.tenant_id,
    a.name AS assistant,
    a.tool,
    a.category,
    a.archetype,
    a.rollout_at,
    (a.registered_at IS NOT NULL) AS registered
   FROM public.assistants a;

--
-- Name: coordination_rollups; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.coordination_rollups AS
 SELECT c.tenant_id,
    c.day,
    c.grouped_by,
    c.side_a,
    c.side_b,
    c.handoffs,
    c.wait_us,
    c.context_carried,
    c.uncarried_wait_us,
    c.regathered,
    c.regathered_wait_us,
    c.reworked,
    c.broken_links,
    c.links,
    c.link_regathered,
    c.link_reworked,
    c.duplicate_us,
    c.other_case_links,
    c.cycle_links,
    c.ai_tasks,
    c.ai_tasks_consumed,
    c.bins,
    c.counts
   FROM public.coordination_rollups c;

--
-- Name: experiment_assignments; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.experiment_assignments AS
 SELECT a.tenant_id,
    a.experiment,
    e.assistant,
    e.task_types,
    a.workflow_id,
    a.arm,
    a.assigned_at
   FROM (public.experiment_assignments a
     JOIN public.experiments e ON (((e.tenant_id = a.tenant_id) AND (e.name = a.experiment))));

--
-- Name: experiments; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.experiments AS
 SELECT e.tenant_id,
    e.name AS experiment,
    e.assistant,
    e.holdout_share,
    e.task_types,
    e.starts_at,
    e.ends_at,
    e.planned_sample,
    e.stopped_at,
    e.created_at
   FROM public.experiments e;

--
-- Name: handoff_friction_rollups; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.handoff_friction_rollups AS
 SELECT r.tenant_id,
    r.day,
    r.tool_pair,
    r.from_side,
    r.to_side,
    r.closed,
    r.reason,
    r.wait_us,
    r.handoffs,
    r.carried
   FROM public.handoff_friction_rollups r;

--
-- Name: handoffs; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.handoffs AS
 SELECT h.tenant_id,
    h.workflow_id,
    h.to_task_id AS handoff_id,
    h.kind,
    h.from_task_id,
    h.from_tool,
    h.to_tool,
    ((COALESCE(h.from_tool, ''::text) || '→'::text) || h.to_tool) AS tool_pair,
    h.from_stage,
    h.to_stage,
    h.from_actor,
    h.to_actor,
    h.handed_at,
    h.wait_us,
    ((h.wait_us)::double precision / (3600000000.0)::double precision) AS wait_hours,
    h.cross_tool,
    h.ai_boundary,
    h.context_carried,
    h.tag_reason,
    h.tagged_at,
    h.opened_month,
    h.from_assistant,
    h.from_ai_mode,
    h.to_assistant,
    h.to_ai_mode,
        CASE
            WHEN (h.from_ai_mode IS NULL) THEN NULL::text
            WHEN (h.from_ai_mode = 'none'::text) THEN 'human'::text
            ELSE h.from_assistant
        END AS from_side,
        CASE
            WHEN (h.to_ai_mode = 'none'::text) THEN 'human'::text
            ELSE h.to_assistant
        END AS to_side,
    h.producer_task_id,
    h.lineage,
    h.producer_assistant,
    h.producer_ai_mode,
    h.lineage_wait_us,
    h.regathered,
    h.link_regathered,
    h.duplicate_us,
    h.duplicates
   FROM public.handoffs h;

--
-- Name: interventions; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.interventions AS
 SELECT i.tenant_id,
    i.intervention_id,
    i.effective_at,
    i.target_kind,
    i.target,
    i.description,
    i.created_by,
    i.created_at
   FROM public.interventions i;

--
-- Name: perceptions; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.perceptions AS
 SELECT p.tenant_id,
    p.assistant,
    p.respondent_role,
    p.rating,
        CASE p.rating
            WHEN 'none'::text THEN 0
            WHEN 'some'::text THEN 1
            WHEN 'good'::text THEN 2
            WHEN 'excellent'::text THEN 3
            ELSE NULL::integer
        END AS rating_score,
    p.rated_at
   FROM public.perceptions p;

--
-- Name: task_duration_bins; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.task_duration_bins AS
 SELECT b.tenant_id,
    b.day,
    b.task_type,
    b.ai_mode,
    b.assistant,
    b.severity,
    b.bins,
    b.counts,
    b.duration_us,
    b.tasks,
    b.workflows
   FROM public.task_duration_bins b;

--
-- Name: task_rollups; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.task_rollups AS
 SELECT task_rollups.tenant_id,
    task_rollups.day,
    task_rollups.assistant,
    task_rollups.task_type,
    task_rollups.ai_mode,
    task_rollups.severity,
    task_rollups.tasks,
    task_rollups.ended_tasks,
    task_rollups.duration_us,
    task_rollups.workflows
   FROM public.task_rollups;

--
-- Name: task_type_totals; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.task_type_totals AS
 SELECT t.tenant_id,
    t.day,
    t.task_type,
    t.tasks,
    t.workflows
   FROM public.task_type_totals t;

--
-- Name: tasks; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.tasks AS
 SELECT t.tenant_id,
    t.task_id,
    t.workflow_id,
    t.task_type,
    t.stage,
    t.tool,
    t.actor,
    t.assistant,
    t.ai_mode,
    (t.ai_mode <> 'none'::text) AS ai,
    t.started_at,
    t.ended_at,
    t.context_from,
    ((date_part('epoch'::text, (t.ended_at - t.started_at)) * ('1000000'::numeric)::double precision))::bigint AS duration_us,
    (date_part('epoch'::text, (t.ended_at - t.started_at)) / (60.0)::double precision) AS duration_minutes,
    t.opened_month
   FROM public.tasks t;

--
-- Name: token_usage_rollups; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.token_usage_rollups AS
 SELECT r.tenant_id,
    r.day,
    r.task_day,
    r.assistant,
    r.provider,
    r.model,
    r.ai_tasks,
    r.tasks_with_tokens,
    r.input_tokens,
    r.output_tokens
   FROM public.token_usage_rollups r;

--
-- Name: workflow_rollups; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.workflow_rollups AS
 SELECT workflow_rollups.tenant_id,
    workflow_rollups.day,
    workflow_rollups.severity,
    workflow_rollups.ai_touched,
    workflow_rollups.workflows,
    workflow_rollups.closed,
    workflow_rollups.lead_us,
    workflow_rollups.touch_us,
    workflow_rollups.wait_us,
    workflow_rollups.intake_us,
    workflow_rollups.handoff_wait_us,
    workflow_rollups.closure_us,
    workflow_rollups.handoffs,
    workflow_rollups.cross_tool_handoffs
   FROM public.workflow_rollups;

--
-- Name: workflows; Type: VIEW; Schema: report_source; Owner: -
--

CREATE VIEW report_source.workflows AS
 SELECT w.tenant_id,
    w.workflow_id,
    w.effective_opened_at AS opened_at,
    w.opened_inferred,
    w.closed_at,
    (w.lead_us IS NOT NULL) AS closed,
    COALESCE(w.category, 'unknown'::text) AS category,
    COALESCE(w.severity, 'unknown'::text) AS severity,
    w.ai_touched,
    w.ping_pong,
    w.task_count,
    w.lead_us,
    w.touch_us,
    w.wait_us,
    w.intake_us,
    w.handoff_wait_us,
    w.closure_us,
    ((w.lead_us)::double precision / (3600000000.0)::double precision) AS lead_hours,
    ((w.touch_us)::double precision / (3600000000.0)::double precision) AS touch_hours,
    ((w.wait_us)::double precision / (3600000000.0)::double precision) AS wait_hours,
    ((w.intake_us)::double precision / (3600000000.0)::double precision) AS intake_hours,
    ((w.handoff_wait_us)::double precision / (3600000000.0)::double precision) AS handoff_wait_hours,
    ((w.closure_us)::double precision / (3600000000.0)::double precision) AS closure_hours,
    ((w.touch_us)::double precision / (NULLIF(w.lead_us, 0))::double precision) AS flow_efficiency
   FROM public.workflows w;

--
-- Name: assistants; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.assistants WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.assistant,
    v.tool,
    v.category,
    v.archetype,
    v.rollout_at,
    v.registered
   FROM report_source.assistants v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: coordination_rollups; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.coordination_rollups WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.day,
    v.grouped_by,
    v.side_a,
    v.side_b,
    v.handoffs,
    v.wait_us,
    v.context_carried,
    v.uncarried_wait_us,
    v.regathered,
    v.regathered_wait_us,
    v.reworked,
    v.broken_links,
    v.links,
    v.link_regathered,
    v.link_reworked,
    v.duplicate_us,
    v.other_case_links,
    v.cycle_links,
    v.ai_tasks,
    v.ai_tasks_consumed,
    v.bins,
    v.counts
   FROM report_source.coordination_rollups v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: handoff_friction_rollups; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.handoff_friction_rollups WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.day,
    v.tool_pair,
    v.from_side,
    v.to_side,
    v.closed,
    v.reason,
    v.wait_us,
    v.handoffs,
    v.carried
   FROM report_source.handoff_friction_rollups v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: handoffs; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.handoffs WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.workflow_id,
    v.handoff_id,
    v.kind,
    v.from_task_id,
    v.from_tool,
    v.to_tool,
    v.tool_pair,
    v.from_stage,
    v.to_stage,
    v.from_actor,
    v.to_actor,
    v.handed_at,
    v.wait_us,
    v.wait_hours,
    v.cross_tool,
    v.ai_boundary,
    v.context_carried,
    v.tag_reason,
    v.tagged_at,
    v.opened_month,
    v.from_assistant,
    v.from_ai_mode,
    v.to_assistant,
    v.to_ai_mode,
    v.from_side,
    v.to_side,
    v.producer_task_id,
    v.lineage,
    v.producer_assistant,
    v.producer_ai_mode,
    v.lineage_wait_us,
    v.regathered,
    v.link_regathered,
    v.duplicate_us,
    v.duplicates
   FROM report_source.handoffs v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: interventions; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.interventions WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.intervention_id,
    v.effective_at,
    v.target_kind,
    v.target,
    v.description,
    v.created_at
   FROM report_source.interventions v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: perceptions; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.perceptions WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.assistant,
    v.respondent_role,
    v.rating,
    v.rating_score,
    v.rated_at
   FROM report_source.perceptions v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: task_duration_bins; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.task_duration_bins WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.day,
    v.task_type,
    v.ai_mode,
    v.assistant,
    v.severity,
    v.bins,
    v.counts,
    v.duration_us,
    v.tasks,
    v.workflows
   FROM report_source.task_duration_bins v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: task_rollups; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.task_rollups WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.day,
    v.assistant,
    v.task_type,
    v.ai_mode,
    v.severity,
    v.tasks,
    v.ended_tasks,
    v.duration_us,
    v.workflows
   FROM report_source.task_rollups v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: task_type_totals; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.task_type_totals WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.day,
    v.task_type,
    v.tasks,
    v.workflows
   FROM report_source.task_type_totals v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: tasks; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.tasks WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.task_id,
    v.workflow_id,
    v.task_type,
    v.stage,
    v.tool,
    v.actor,
    v.assistant,
    v.ai_mode,
    v.ai,
    v.started_at,
    v.ended_at,
    v.context_from,
    v.duration_us,
    v.duration_minutes,
    v.opened_month
   FROM report_source.tasks v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: token_usage_rollups; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.token_usage_rollups WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.day,
    v.task_day,
    v.assistant,
    v.provider,
    v.model,
    v.ai_tasks,
    v.tasks_with_tokens,
    v.input_tokens,
    v.output_tokens
   FROM report_source.token_usage_rollups v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: workflow_rollups; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.workflow_rollups WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.day,
    v.severity,
    v.ai_touched,
    v.workflows,
    v.closed,
    v.lead_us,
    v.touch_us,
    v.wait_us,
    v.intake_us,
    v.handoff_wait_us,
    v.closure_us,
    v.handoffs,
    v.cross_tool_handoffs
   FROM report_source.workflow_rollups v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: workflows; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.workflows WITH (security_barrier='true') AS
 SELECT v.tenant_id,
    v.workflow_id,
    v.opened_at,
    v.opened_inferred,
    v.closed_at,
    v.closed,
    v.category,
    v.severity,
    v.ai_touched,
    v.ping_pong,
    v.task_count,
    v.lead_us,
    v.touch_us,
    v.wait_us,
    v.intake_us,
    v.handoff_wait_us,
    v.closure_us,
    v.lead_hours,
    v.touch_hours,
    v.wait_hours,
    v.intake_hours,
    v.handoff_wait_hours,
    v.closure_hours,
    v.flow_efficiency
   FROM report_source.workflows v
  WHERE ((( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants) IS NULL) OR (v.tenant_id = ANY (( SELECT reporting.visible_tenants(CURRENT_USER) AS visible_tenants)::text[])));

--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (tenant_id, token_id);

--
-- Name: assistants assistants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assistants
    ADD CONSTRAINT assistants_pkey PRIMARY KEY (tenant_id, name);

--
-- Name: baton_migrations baton_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.baton_migrations
    ADD CONSTRAINT baton_migrations_pkey PRIMARY KEY (version);

--
-- Name: baton_views baton_views_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.baton_views
    ADD CONSTRAINT baton_views_pkey PRIMARY KEY (name);

--
-- Name: coordination_rollups coordination_rollups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.coordination_rollups
    ADD CONSTRAINT coordination_rollups_pkey PRIMARY KEY (tenant_id, day, grouped_by, side_a, side_b);

--
-- Name: data_generations data_generations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.data_generations
    ADD CONSTRAINT data_generations_pkey PRIMARY KEY (tenant_id);

--
-- Name: experiment_assignments experiment_assignments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiment_assignments
    ADD CONSTRAINT experiment_assignments_pkey PRIMARY KEY (tenant_id, experiment, workflow_id);

--
-- Name: experiments experiments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiments
    ADD CONSTRAINT experiments_pkey PRIMARY KEY (tenant_id, name);

--
-- Name: handoff_friction_rollups handoff_friction_rollups_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.handoff_friction_rollups
    ADD CONSTRAINT handoff_friction_rollups_key UNIQUE NULLS NOT DISTINCT (tenant_id, day, tool_pair, from_side, to_side, closed, reason);

--
-- Name: handoff_tags handoff_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.handoff_tags
    ADD CONSTRAINT handoff_tags_pkey PRIMARY KEY (tenant_id, tag_id);

--
-- Name: handoffs handoffs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.handoffs
    ADD CONSTRAINT handoffs_pkey PRIMARY KEY (tenant_id, workflow_id, to_task_id, opened_month);

--
-- Name: interventions interventions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.interventions
    ADD CONSTRAINT interventions_pkey PRIMARY KEY (tenant_id, intervention_id);

--
-- Name: perceptions perceptions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.perceptions
    ADD CONSTRAINT perceptions_pkey PRIMARY KEY (tenant_id, perception_id);

--
-- Name: reporting_reader_tenants reporting_reader_tenants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reporting_reader_tenants
    ADD CONSTRAINT reporting_reader_tenants_pkey PRIMARY KEY (role_name, tenant_id);

--
-- Name: retired_months retired_months_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.retired_months
    ADD CONSTRAINT retired_months_pkey PRIMARY KEY (month);

--
-- Name: task_duration_bins task_duration_bins_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_duration_bins
    ADD CONSTRAINT task_duration_bins_pkey PRIMARY KEY (tenant_id, day, task_type, ai_mode, assistant, severity);

--
-- Name: task_keys task_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_keys
    ADD CONSTRAINT task_keys_pkey PRIMARY KEY (tenant_id, task_id);

--
-- Name: task_rollups task_rollups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_rollups
    ADD CONSTRAINT task_rollups_pkey PRIMARY KEY (tenant_id, day, assistant, task_type, ai_mode, severity);

--
-- Name: task_type_totals task_type_totals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_type_totals
    ADD CONSTRAINT task_type_totals_pkey PRIMARY KEY (tenant_id, day, task_type);

--
-- Name: tasks tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_pkey PRIMARY KEY (tenant_id, task_id, opened_month);

--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (tenant_id);

--
-- Name: token_prices token_prices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.token_prices
    ADD CONSTRAINT token_prices_pkey PRIMARY KEY (tenant_id, provider, model, effective_from);

--
-- Name: token_usage_rollups token_usage_rollups_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.token_usage_rollups
    ADD CONSTRAINT token_usage_rollups_key UNIQUE NULLS NOT DISTINCT (tenant_id, day, task_day, assistant, provider, model);

--
-- Name: workflow_rollups workflow_rollups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workflow_rollups
    ADD CONSTRAINT workflow_rollups_pkey PRIMARY KEY (tenant_id, day, severity, ai_touched);

--
-- Name: workflows workflows_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workflows
    ADD CONSTRAINT workflows_pkey PRIMARY KEY (tenant_id, workflow_id);

--
-- Name: api_tokens_by_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_tokens_by_hash ON public.api_tokens USING btree (token_hash);

--
-- Name: experiment_assignments_workflow; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX experiment_assignments_workflow ON public.experiment_assignments USING btree (tenant_id, workflow_id);

--
-- Name: experiments_one_open_per_assistant; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX experiments_one_open_per_assistant ON public.experiments USING btree (tenant_id, assistant) WHERE (stopped_at IS NULL);

--
-- Name: handoff_tags_by_handoff; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX handoff_tags_by_handoff ON public.handoff_tags USING btree (tenant_id, workflow_id, to_task_id);

--
-- Name: handoff_tags_by_month; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX handoff_tags_by_month ON public.handoff_tags USING btree (opened_month);

--
-- Name: handoffs_by_wait; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX handoffs_by_wait ON ONLY public.handoffs USING btree (tenant_id, wait_us DESC);

--
-- Name: perceptions_by_assistant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX perceptions_by_assistant ON public.perceptions USING btree (tenant_id, assistant, rated_at);

--
-- Name: tasks_by_workflow; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_by_workflow ON ONLY public.tasks USING btree (tenant_id, workflow_id);

--
-- Name: workflows_by_month; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workflows_by_month ON public.workflows USING btree (opened_month);

--
-- Name: workflows_by_opening; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workflows_by_opening ON public.workflows USING btree (tenant_id, effective_opened_at);

--
-- Name: workflows_coordination_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workflows_coordination_pending ON public.workflows USING btree (tenant_id, workflow_id) WHERE coordination_pending;

--
-- Name: api_tokens api_tokens_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(tenant_id);

--
-- Name: assistants assistants_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assistants
    ADD CONSTRAINT assistants_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(tenant_id);

--
-- Name: experiment_assignments experiment_assignments_tenant_id_experiment_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiment_assignments
    ADD CONSTRAINT experiment_assignments_tenant_id_experiment_fkey FOREIGN KEY (tenant_id, experiment) REFERENCES public.experiments(tenant_id, name);

--
-- Name: experiments experiments_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiments
    ADD CONSTRAINT experiments_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(tenant_id);

--
-- Name: handoff_tags handoff_tags_tenant_id_workflow_id_to_task_id_opened_month_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.handoff_tags
    ADD CONSTRAINT handoff_tags_tenant_id_workflow_id_to_task_id_opened_month_fkey FOREIGN KEY (tenant_id, workflow_id, to_task_id, opened_month) REFERENCES public.handoffs(tenant_id, workflow_id, to_task_id, opened_month) ON UPDATE CASCADE ON DELETE CASCADE;

--
-- Name: handoffs handoffs_tenant_id_workflow_id_fkey1; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.handoffs
    ADD CONSTRAINT handoffs_tenant_id_workflow_id_fkey1 FOREIGN KEY (tenant_id, workflow_id) REFERENCES public.workflows(tenant_id, workflow_id) ON DELETE CASCADE;

--
-- Name: interventions interventions_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.interventions
    ADD CONSTRAINT interventions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(tenant_id);

--
-- Name: perceptions perceptions_tenant_id_assistant_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.perceptions
    ADD CONSTRAINT perceptions_tenant_id_assistant_fkey FOREIGN KEY (tenant_id, assistant) REFERENCES public.assistants(tenant_id, name);

--
-- Name: perceptions perceptions_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.perceptions
    ADD CONSTRAINT perceptions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(tenant_id);

--
-- Name: tasks tasks_tenant_id_assistant_fkey1; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.tasks
    ADD CONSTRAINT tasks_tenant_id_assistant_fkey1 FOREIGN KEY (tenant_id, assistant) REFERENCES public.assistants(tenant_id, name);

--
-- Name: tasks tasks_tenant_id_workflow_id_fkey1; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.tasks
    ADD CONSTRAINT tasks_tenant_id_workflow_id_fkey1 FOREIGN KEY (tenant_id, workflow_id) REFERENCES public.workflows(tenant_id, workflow_id);

--
-- Name: token_prices token_prices_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.token_prices
    ADD CONSTRAINT token_prices_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(tenant_id);

--
-- Name: workflows workflows_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workflows
    ADD CONSTRAINT workflows_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(tenant_id);

--
-- Name: api_tokens; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.api_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: assistants; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.assistants ENABLE ROW LEVEL SECURITY;

--
-- Name: coordination_rollups; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.coordination_rollups ENABLE ROW LEVEL SECURITY;

--
-- Name: data_generations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.data_generations ENABLE ROW LEVEL SECURITY;

--
-- Name: experiment_assignments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.experiment_assignments ENABLE ROW LEVEL SECURITY;

--
-- Name: experiments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.experiments ENABLE ROW LEVEL SECURITY;

--
-- Name: handoff_friction_rollups; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.handoff_friction_rollups ENABLE ROW LEVEL SECURITY;

--
-- Name: handoff_tags; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.handoff_tags ENABLE ROW LEVEL SECURITY;

--
-- Name: handoffs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.handoffs ENABLE ROW LEVEL SECURITY;

--
-- Name: interventions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.interventions ENABLE ROW LEVEL SECURITY;

--
-- Name: perceptions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.perceptions ENABLE ROW LEVEL SECURITY;

--
-- Name: rollup_dirty; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rollup_dirty ENABLE ROW LEVEL SECURITY;

--
-- Name: task_duration_bins; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.task_duration_bins ENABLE ROW LEVEL SECURITY;

--
-- Name: task_keys; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.task_keys ENABLE ROW LEVEL SECURITY;

--
-- Name: task_rollups; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.task_rollups ENABLE ROW LEVEL SECURITY;

--
-- Name: task_type_totals; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.task_type_totals ENABLE ROW LEVEL SECURITY;

--
-- Name: tasks; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tasks ENABLE ROW LEVEL SECURITY;

--
-- Name: api_tokens tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.api_tokens TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: assistants tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.assistants TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: coordination_rollups tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.coordination_rollups TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: data_generations tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.data_generations TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: experiment_assignments tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.experiment_assignments TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: experiments tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.experiments TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: handoff_friction_rollups tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.handoff_friction_rollups TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: handoff_tags tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.handoff_tags TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: handoffs tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.handoffs TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: interventions tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.interventions TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: perceptions tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.perceptions TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: rollup_dirty tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.rollup_dirty TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: task_duration_bins tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.task_duration_bins TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: task_keys tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.task_keys TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: task_rollups tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.task_rollups TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: task_type_totals tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.task_type_totals TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: tasks tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.tasks TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: tenants tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.tenants TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: token_prices tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.token_prices TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: token_usage_rollups tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.token_usage_rollups TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: workflow_rollups tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.workflow_rollups TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: workflows tenant_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_rows ON public.workflows TO baton_service USING ((tenant_id = current_setting('baton.tenant'::text, true))) WITH CHECK ((tenant_id = current_setting('baton.tenant'::text, true)));

--
-- Name: tenants; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;

--
-- Name: token_prices; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.token_prices ENABLE ROW LEVEL SECURITY;

--
-- Name: token_usage_rollups; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.token_usage_rollups ENABLE ROW LEVEL SECURITY;

--
-- Name: assistants views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.assistants FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: coordination_rollups views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.coordination_rollups FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: experiment_assignments views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.experiment_assignments FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: experiments views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.experiments FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: handoff_friction_rollups views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.handoff_friction_rollups FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: handoff_tags views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.handoff_tags FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: handoffs views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.handoffs FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: interventions views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.interventions FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: perceptions views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.perceptions FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: task_duration_bins views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.task_duration_bins FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: task_rollups views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.task_rollups FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: task_type_totals views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.task_type_totals FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: tasks views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.tasks FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: token_prices views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.token_prices FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: token_usage_rollups views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.token_usage_rollups FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: workflow_rollups views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.workflow_rollups FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: workflows views_rows; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY views_rows ON public.workflows FOR SELECT TO baton_views USING (
CASE
    WHEN (CURRENT_USER = 'baton_service'::name) THEN (tenant_id = current_setting('baton.tenant'::text, true))
    ELSE true
END);

--
-- Name: workflow_rollups; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.workflow_rollups ENABLE ROW LEVEL SECURITY;

--
-- Name: workflows; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.workflows ENABLE ROW LEVEL SECURITY;

--
-- PostgreSQL database dump complete
--
