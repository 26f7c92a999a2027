import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    /// Everything the value report needs for workflows opened in [from, to), in one read-only
    /// snapshot. Aggregates that SQL computes well (friction, readiness) are computed here.
    package func reportInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> ReportInput
    {
        let (f, t) = (from.rfc3339, to.rfc3339)
        let assistants = try await self.assistants(tenant: tenant, logger: logger)
        return try await transaction("report input", logger: logger) { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                .drain()
            func rows<each C: PostgresDecodable>(_ q: PostgresQuery, _ type: (repeat each C).Type) async throws
                -> [(repeat each C)]
            {
                try await connection.query(q, logger: logger).collect(as: type)
            }
            // Durations come grouped in arrays (one row per type, severity and assistant): decoding a
            // few large int8 arrays is far cheaper than one row per task.
            let taskGroups = try await rows(
                """
                SELECT t.task_type, COALESCE(w.severity, 'unknown'), t.assistant, t.ai_mode <> 'none',
                       array_agg((extract(epoch FROM t.ended_at - t.started_at) * 1000000)::int8),
                       array_agg((extract(epoch FROM t.started_at) * 1000000)::int8)
                FROM tasks AS t JOIN workflows AS w USING (tenant_id, workflow_id)
                WHERE t.tenant_id = \(tenant) AND t.ended_at IS NOT NULL
                  AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                GROUP BY 1, 2, 3, 4
                """, (String, String, String?, Bool, [Int64], [Int64]).self)
            // Names travel once; per workflow only their positions in these lists (int arrays decode
            // much faster than text arrays).
            let classList = try await rows(
                """
                SELECT DISTINCT h.from_tool || '→' || h.to_tool
                FROM handoffs AS h JOIN workflows AS w USING (tenant_id, workflow_id)
                WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff' AND w.lead_us IS NOT NULL
                  AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                ORDER BY 1
                """, (String).self)
            let typeList = Array(Set(taskGroups.map(\.0))).sorted()
            let assistantList = Array(Set(taskGroups.compactMap(\.2)).union(assistants.map(\.name))).sorted()
            // One row per closed workflow, its class waits, task-type times and assistants as arrays.
            let workflows = try await rows(
                """
                WITH waits AS (
                    SELECT x.workflow_id, array_agg(array_position(\(classList)::text[], x.cls) ORDER BY x.cls) AS classes,
                           array_agg(x.wait ORDER BY x.cls) AS waits
                    FROM (SELECT h.workflow_id, h.from_tool || '→' || h.to_tool AS cls, sum(h.wait_us)::int8 AS wait
                          FROM handoffs AS h
                          JOIN workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
                          WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff' AND w.lead_us IS NOT NULL
                            AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                          GROUP BY 1, 2) AS x
                    GROUP BY x.workflow_id
                ), times AS (
                    SELECT x.workflow_id,
                           array_agg(array_position(\(typeList)::text[], x.task_type) ORDER BY x.task_type) AS types,
                           array_agg(x.time ORDER BY x.task_type) AS times
                    FROM (SELECT t.workflow_id, t.task_type,
                                 sum(extract(epoch FROM t.ended_at - t.started_at) * 1000000)::int8 AS time
                          FROM tasks AS t
                          JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
                          WHERE t.tenant_id = \(tenant) AND t.ended_at IS NOT NULL AND w.lead_us IS NOT NULL
                            AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                          GROUP BY 1, 2) AS x
                    GROUP BY x.workflow_id
                ), helpers AS (
                    SELECT t.workflow_id,
                           array_remove(array_agg(DISTINCT array_position(\(assistantList)::text[], t.assistant)), NULL)
                               AS assistants
                    FROM tasks AS t
                    JOIN workflows AS w ON w.tenant_id = t.tenant_id AND w.workflow_id = t.workflow_id
                    WHERE t.tenant_id = \(tenant) AND t.assistant IS NOT NULL AND t.ai_mode <> 'none'
                      AND w.lead_us IS NOT NULL
                      AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                    GROUP BY t.workflow_id
                )
                SELECT w.workflow_id, COALESCE(w.category, 'unknown'), COALESCE(w.severity, 'unknown'),
                       (extract(epoch FROM w.effective_opened_at) * 1000000)::int8,
                       w.lead_us, w.touch_us, w.intake_us, w.closure_us, w.ai_touched,
                       COALESCE(waits.classes, '{}'), COALESCE(waits.waits, '{}'),
                       COALESCE(times.types, '{}'), COALESCE(times.times, '{}'), COALESCE(helpers.assistants, '{}')
                FROM workflows AS w
                LEFT JOIN waits USING (workflow_id) LEFT JOIN times USING (workflow_id)
                LEFT JOIN helpers USING (workflow_id)
                WHERE w.tenant_id = \(tenant) AND w.lead_us IS NOT NULL
                  AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                """,
                (
                    String, String, String, Int64, Int64, Int64, Int64, Int64, Bool, [Int32], [Int64], [Int32],
                    [Int64], [Int32]
                ).self)
            let counts = try await rows(
                """
                SELECT count(*) FILTER (WHERE lead_us IS NULL)::int8, count(*) FILTER (WHERE opened_inferred)::int8
                FROM workflows
                WHERE tenant_id = \(tenant)
                  AND effective_opened_at >= \(f)::timestamptz AND effective_opened_at < \(t)::timestamptz
                """, (Int64, Int64).self)
            let perceptionRows = try await rows(
                """
                SELECT assistant, rating FROM perceptions
                WHERE tenant_id = \(tenant) AND rated_at < \(t)::timestamptz
                """, (String, String).self)

            // Friction: waiting hours by handoff class, with the reasons analysts tagged.
            let classes = try await rows(
                """
                SELECT h.from_tool || '→' || h.to_tool, sum(h.wait_us)::int8, count(*)::int8,
                       avg(h.wait_us)::float8, avg(h.context_carried::int)::float8
                FROM handoffs AS h JOIN workflows AS w USING (tenant_id, workflow_id)
                WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff' AND w.lead_us IS NOT NULL
                  AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 8
                """, (String, Int64, Int64, Double, Double).self)
            let tagged = try await rows(
                """
                SELECT h.from_tool || '→' || h.to_tool, tg.reason, sum(h.wait_us)::int8
                FROM (
                    -- The latest tag of each handoff counts.
                    SELECT DISTINCT ON (workflow_id, to_task_id) workflow_id, to_task_id, reason
                    FROM handoff_tags WHERE tenant_id = \(tenant)
                    ORDER BY workflow_id, to_task_id, tagged_at DESC, tag_id DESC
                ) AS tg
                JOIN handoffs AS h
                  ON h.tenant_id = \(tenant) AND h.workflow_id = tg.workflow_id AND h.to_task_id = tg.to_task_id
                JOIN workflows AS w ON w.tenant_id = h.tenant_id AND w.workflow_id = h.workflow_id
                WHERE h.kind = 'handoff' AND w.lead_us IS NOT NULL
                  AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz
                GROUP BY 1, 2
                """, (String, String, Int64).self)
            let overall = try await rows(
                """
                SELECT COALESCE(sum(intake_us), 0)::int8, COALESCE(sum(closure_us), 0)::int8,
                       avg(ping_pong::int)::float8,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY touch_us::float8 / NULLIF(lead_us, 0))::float8,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY touch_us::float8 / NULLIF(lead_us, 0))::float8
                FROM workflows
                WHERE tenant_id = \(tenant) AND lead_us IS NOT NULL
                  AND effective_opened_at >= \(f)::timestamptz AND effective_opened_at < \(t)::timestamptz
                """, (Int64, Int64, Double?, Double?, Double?).self)
            let readiness = try await rows(
                """
                SELECT
                  (SELECT avg((stage IS NOT NULL)::int)::float8 FROM tasks AS t JOIN workflows AS w USING (tenant_id, workflow_id)
                    WHERE t.tenant_id = \(tenant) AND w.effective_opened_at >= \(f)::timestamptz
                      AND w.effective_opened_at < \(t)::timestamptz),
                  (SELECT avg(context_carried::int)::float8 FROM handoffs AS h JOIN workflows AS w USING (tenant_id, workflow_id)
                    WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff' AND w.effective_opened_at >= \(f)::timestamptz
                      AND w.effective_opened_at < \(t)::timestamptz),
                  (SELECT sum(h.wait_us) FILTER (WHERE tg.to_task_id IS NOT NULL)::float8
                          / NULLIF(sum(h.wait_us), 0)::float8
                    FROM handoffs AS h JOIN workflows AS w USING (tenant_id, workflow_id)
                    LEFT JOIN (SELECT DISTINCT workflow_id, to_task_id FROM handoff_tags WHERE tenant_id = \(tenant)) AS tg
                      ON tg.workflow_id = h.workflow_id AND tg.to_task_id = h.to_task_id
                    WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff' AND w.effective_opened_at >= \(f)::timestamptz
                      AND w.effective_opened_at < \(t)::timestamptz)
                """, (Double?, Double?, Double?).self)

            var reasonsByClass: [String: [String: Double]] = [:]
            for (cls, reason, wait) in tagged { reasonsByClass[cls, default: [:]][reason] = Double(wait) / 3.6e9 }
            var perceptions: [String: [ValueRating]] = [:]
            for (assistant, rating) in perceptionRows {
                if let r = ValueRating(rawValue: rating) { perceptions[assistant, default: []].append(r) }
            }
            let totals = overall.first
            return ReportInput(
                tenant: tenant, from: from, to: to,
                tasks: taskGroups.flatMap { g in
                    zip(g.4, g.5).map { duration, started in
                        ReportInput.TaskObservation(
                            taskType: g.0, severity: g.1, assistant: g.2, aiTouched: g.3,
                            durationMicroseconds: duration, startedAt: Timestamp(microseconds: started))
                    }
                },
                workflows: workflows.map { w in
                    .init(
                        category: w.1, severity: w.2, openedAt: Timestamp(microseconds: w.3), lead: w.4, touch: w.5,
                        intake: w.6, closure: w.7,
                        classWaits: Dictionary(
                            zip(w.9.map { classList[Int($0) - 1] }, w.10), uniquingKeysWith: +),
                        aiTouched: w.8, assistants: Set(w.13.map { assistantList[Int($0) - 1] }),
                        taskTypeTime: Dictionary(zip(w.11.map { typeList[Int($0) - 1] }, w.12), uniquingKeysWith: +))
                },
                openWorkflows: Int(counts.first?.0 ?? 0), inferredOpenings: Int(counts.first?.1 ?? 0),
                assistants: assistants, perceptions: perceptions,
                friction: ValueReport.Friction(
                    topClasses: classes.map {
                        ValueReport.ClassFriction(
                            handoffClass: $0.0, waitingHours: Double($0.1) / 3.6e9, handoffs: Int($0.2),
                            meanWaitMinutes: $0.3 / 6e7, contextCarriedShare: $0.4,
                            tagReasons: reasonsByClass[$0.0] ?? [:])
                    },
                    intakeHours: Double(totals?.0 ?? 0) / 3.6e9, closureHours: Double(totals?.1 ?? 0) / 3.6e9,
                    pingPongShare: totals?.2,
                    contextCarriedShare: readiness.first?.1,
                    flowEfficiencyMedian: totals?.3, flowEfficiencyP90: totals?.4),
                readiness: ValueReport.Readiness(
                    tasksWithStageShare: readiness.first?.0, handoffsWithContextShare: readiness.first?.1,
                    waitingHoursTaggedShare: readiness.first?.2))
        }
    }
}
