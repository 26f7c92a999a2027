import BatonCore
import Logging
import PostgresNIO

/// The coordination aggregates (value-model §8) read in one statement, for the report and for
/// `GET /v1/coordination`.
enum CoordinationInputReader {
    /// One statement over the period's stored handoff rows, grouped by side pair: the same
    /// aggregates as ``CoordinationInput/aggregate(_:)`` (a storage test compares the two). A
    /// side is the assistant, or `''` for human work (assistant names are never empty).
    static func coordinationInput(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        logger: Logger
    ) async throws -> CoordinationInput {
        let rows = try await connection.query(
            """
            WITH w AS (
                SELECT workflow_id FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            ), h AS MATERIALIZED (
                SELECT h.kind, h.wait_us, h.context_carried, h.tag_reason, h.regathered, h.link_regathered, h.lineage,
                       h.lineage_wait_us, h.duplicate_us, h.duplicates, h.workflow_id, h.producer_task_id,
                       h.producer_ai_mode, h.to_ai_mode,
                       CASE WHEN h.from_ai_mode IS NULL THEN NULL WHEN h.from_ai_mode = 'none' THEN ''
                            ELSE h.from_assistant END AS fs,
                       CASE WHEN h.to_ai_mode = 'none' THEN '' ELSE h.to_assistant END AS ts,
                       CASE WHEN h.producer_ai_mode IS NULL THEN NULL WHEN h.producer_ai_mode = 'none' THEN ''
                            ELSE h.producer_assistant END AS ps
                FROM report_source.handoffs AS h JOIN w USING (workflow_id)
                WHERE h.tenant_id = \(tenant) AND h.opened_month BETWEEN \(months.first) AND \(months.last)
            ), hg AS (
                SELECT fs, ts, count(*)::int8 AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_us)::float8 AS med,
                       sum(wait_us)::int8 AS wait, count(*) FILTER (WHERE context_carried)::int8 AS carried,
                       COALESCE(sum(wait_us) FILTER (WHERE NOT context_carried), 0)::int8 AS uncarried,
                       count(*) FILTER (WHERE regathered OR tag_reason = 'context-regathering')::int8 AS rg,
                       COALESCE(sum(wait_us) FILTER (WHERE regathered OR tag_reason = 'context-regathering'), 0)::int8
                           AS rgwait,
                       count(*) FILTER (WHERE tag_reason = 'ai-output-rework')::int8 AS rw,
                       count(*) FILTER (WHERE fs <> '' AND lineage IS DISTINCT FROM 'linked')::int8 AS broken
                FROM h WHERE kind = 'handoff' AND fs IS NOT NULL GROUP BY 1, 2
            ), lg AS (
                SELECT ps, ts, count(*)::int8 AS n,
                       COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY lineage_wait_us), -1)::float8 AS med,
                       count(*) FILTER (WHERE link_regathered OR tag_reason = 'context-regathering')::int8 AS rg,
                       count(*) FILTER (WHERE tag_reason = 'ai-output-rework')::int8 AS rw
                FROM h WHERE lineage = 'linked' AND ps IS NOT NULL GROUP BY 1, 2
            ), dg AS (
                SELECT COALESCE(e.value ->> 0, '') AS first, h.ts, sum((e.value ->> 1)::int8)::int8 AS us
                FROM h CROSS JOIN LATERAL jsonb_array_elements(h.duplicates) AS e
                WHERE h.duplicates IS NOT NULL GROUP BY 1, 2
            ), ds AS (
                SELECT ts, sum(duplicate_us)::int8 AS us FROM h WHERE duplicate_us > 0 GROUP BY 1
            )
            SELECT (SELECT COALESCE(array_agg(fs ORDER BY fs, ts), '{}') FROM hg),
                   (SELECT COALESCE(array_agg(ts ORDER BY fs, ts), '{}') FROM hg),
                   (SELECT COALESCE(array_agg(u.v ORDER BY fs, ts, u.k), '{}')
                    FROM hg CROSS JOIN LATERAL unnest(ARRAY[n, wait, carried, uncarried, rg, rgwait, rw, broken])
                        WITH ORDINALITY AS u(v, k)),
                   (SELECT COALESCE(array_agg(med ORDER BY fs, ts), '{}') FROM hg),
                   (SELECT COALESCE(array_agg(ps ORDER BY ps, ts), '{}') FROM lg),
                   (SELECT COALESCE(array_agg(ts ORDER BY ps, ts), '{}') FROM lg),
                   (SELECT COALESCE(array_agg(u.v ORDER BY ps, ts, u.k), '{}')
                    FROM lg CROSS JOIN LATERAL unnest(ARRAY[n, rg, rw]) WITH ORDINALITY AS u(v, k)),
                   (SELECT COALESCE(array_agg(med ORDER BY ps, ts), '{}') FROM lg),
                   (SELECT COALESCE(array_agg(first ORDER BY first, ts), '{}') FROM dg),
                   (SELECT COALESCE(array_agg(ts ORDER BY first, ts), '{}') FROM dg),
                   (SELECT COALESCE(array_agg(us ORDER BY first, ts), '{}') FROM dg),
                   (SELECT COALESCE(array_agg(ts ORDER BY ts), '{}') FROM ds),
                   (SELECT COALESCE(array_agg(us ORDER BY ts), '{}') FROM ds),
                   (SELECT ARRAY[count(*) FILTER (WHERE lineage = 'other-case'), count(*) FILTER (WHERE lineage = 'cycle'),
                                 count(*) FILTER (WHERE to_ai_mode <> 'none'),
                                 count(DISTINCT workflow_id || chr(31) || producer_task_id)
                                     FILTER (WHERE lineage = 'linked' AND ps <> '')]::int8[]
                    FROM h)
            """, logger: logger
        ).collect(
            as: (
                [String], [String], [Int64], [Double], [String], [String], [Int64], [Double], [String], [String],
                [Int64], [String], [Int64], [Int64]
            ).self)
        guard let r = rows.first else { return CoordinationInput() }
        func side(_ name: String) -> CoordinationSide { CoordinationSide(assistant: name.isEmpty ? nil : name) }
        var input = CoordinationInput()
        // Each group's counts arrive as a run of one flat array (8 per handoff group, 3 per link group).
        input.handoffs = r.0.indices.map { i in
            let v = Array(r.2[(i * 8)..<(i * 8 + 8)])
            return CoordinationInput.HandoffGroup(
                from: side(r.0[i]), to: side(r.1[i]), handoffs: Int(v[0]), medianWait: r.3[i], wait: v[1],
                contextCarried: Int(v[2]), uncarriedWait: v[3], regathered: Int(v[4]), regatheredWait: v[5],
                reworked: Int(v[6]), brokenLinks: Int(v[7]))
        }
        input.links = r.4.indices.map { i in
            let v = Array(r.6[(i * 3)..<(i * 3 + 3)])
            return CoordinationInput.LinkGroup(
                producer: side(r.4[i]), consumer: side(r.5[i]), links: Int(v[0]),
                medianWait: r.7[i] < 0 ? nil : r.7[i], regathered: Int(v[1]), reworked: Int(v[2]))
        }
        input.duplicates = r.8.indices.map { i in
            CoordinationInput.DuplicateGroup(first: side(r.8[i]), second: side(r.9[i]), microseconds: r.10[i])
        }
        for (name, us) in zip(r.11, r.12) { input.duplicateBySide[side(name)] = us }
        if r.13.count == 4 {
            (input.otherCaseLinks, input.cycleLinks, input.aiTasks, input.aiTasksConsumed) = (
                Int(r.13[0]), Int(r.13[1]), Int(r.13[2]), Int(r.13[3])
            )
        }
        input.sortGroups()
        return input
    }
}
