-- Issue 22's weekly trend lines for dashboards: the `eligible` estimate of migration 0011 per
-- assistant and opening week (Monday, UTC), as the value report's `weekly` trend computes it.
-- The plan stays the period's (served task types K_X, rollout starts and epochs, which cases
-- were touched or eligible); only the sample is cut: each week's cases form strata of their own
-- at every coarsening level (week, month, quarter, any category), and a week with too few cases
-- is insufficient on its own. One body serves both functions, so the period's figures and the
-- weekly ones cannot drift apart: with p_by_week false the week key is one constant and the
-- result is migration 0011's.
--
-- Also returned: the stratified standard error of ΔA, sqrt(Σ w² (s²_t/n_t + s²_c/n_c)) over the
-- used strata (w: the stratum's share of the compared treated cases; s²: sample variances), and
-- the value capture ΔL/ΔA, shown only when ΔA < 0 and |ΔA| > 1.96 SE (Docs/metrics.md).
CREATE FUNCTION reporting.assistant_effect_rows(p_tenant text, p_from timestamptz, p_to timestamptz,
                                                p_min_sample int, p_by_week boolean)
RETURNS TABLE (assistant text, week_start date, estimator text, time_block text, treated_cases int8,
               control_cases int8, coverage float8, delta_lead_hours float8, delta_touch_hours float8,
               delta_touch_se_hours float8, delta_wait_hours float8, counterfactual_lead_hours float8,
               lead_reduction float8, value_capture float8)
LANGUAGE sql STABLE AS $$
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

CREATE OR REPLACE FUNCTION reporting.assistant_effects(p_tenant text, p_from timestamptz, p_to timestamptz,
                                                       p_min_sample int DEFAULT 30)
RETURNS TABLE (assistant text, estimator text, time_block text, treated_cases int8, control_cases int8,
               coverage float8, delta_lead_hours float8, delta_touch_hours float8, delta_wait_hours float8,
               counterfactual_lead_hours float8, lead_reduction float8)
LANGUAGE sql STABLE AS $$
SELECT r.assistant, r.estimator, r.time_block, r.treated_cases, r.control_cases, r.coverage, r.delta_lead_hours,
       r.delta_touch_hours, r.delta_wait_hours, r.counterfactual_lead_hours, r.lead_reduction
FROM reporting.assistant_effect_rows(p_tenant, p_from, p_to, p_min_sample, false) AS r
ORDER BY r.assistant
$$;

-- A week without a closed eligible case of the assistant (after its rollout) has no row.
CREATE FUNCTION reporting.assistant_weekly_effects(p_tenant text, p_from timestamptz, p_to timestamptz,
                                                   p_min_sample int DEFAULT 30)
RETURNS TABLE (assistant text, week_start date, estimator text, time_block text, treated_cases int8,
               control_cases int8, coverage float8, delta_lead_hours float8, delta_touch_hours float8,
               delta_touch_se_hours float8, delta_wait_hours float8, counterfactual_lead_hours float8,
               lead_reduction float8, value_capture float8)
LANGUAGE sql STABLE AS $$
SELECT * FROM reporting.assistant_effect_rows(p_tenant, p_from, p_to, p_min_sample, true)
$$;
