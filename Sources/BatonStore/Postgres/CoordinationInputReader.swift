package import BatonCore
package import Logging
package import PostgresNIO

/// The coordination aggregates (value-model §8) read in one statement, for the report and for
/// `GET /v1/coordination`.
package enum CoordinationInputReader {
    /// The statement below over the workflows opened in [from, to), on the connection's transaction
    /// (the row path of ``PostgresReportSource``, and the storage tests' reference for the rollups).
    package static func coordinationInput(
        on connection: PostgresConnection, tenant: String, from: Timestamp, to: Timestamp, logger: Logger
    ) async throws -> CoordinationInput {
        try await coordinationInput(
            on: connection, tenant: tenant, from: from.postgresText, to: to.postgresText,
            months: ReportMonths(from: from, to: to), logger: logger)
    }

    /// One statement over the period's stored handoff rows: the same aggregates as
    /// ``CoordinationInput/aggregate(_:)`` (a storage test compares the two). A side is the
    /// assistant, or `''` for human work (assistant names are never empty).
    ///
    /// The statement reads the handoffs once and groups them by hashing, by (from side, to side),
    /// (producer side, to side), (to side) and overall, with every figure filtered to the rows
    /// that belong to it. Medians and the distinct count of consumed AI tasks are computed here
    /// from the values SQL returns: an ordered-set or DISTINCT aggregate would make PostgreSQL
    /// materialise and sort every handoff of the period (this statement took ~0.5 s of the
    /// report's 1 s that way; it takes ~0.2 s so). Each array travels only in the grouping set that
    /// uses it (the others get NULL): at a million tasks the overall row alone had carried every
    /// handoff's wait, link wait and consumed key again, 13.4 MB in one message.
    static func coordinationInput(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        logger: Logger
    ) async throws -> CoordinationInput {
        let rows = try await connection.query(
            """
            WITH w AS (
                SELECT workflow_id FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            ), h AS (
                SELECT h.kind, h.wait_us, h.context_carried, h.tag_reason, h.regathered, h.link_regathered, h.lineage,
                       h.lineage_wait_us, h.duplicate_us, h.duplicates, h.workflow_id, h.producer_task_id, h.to_ai_mode,
                       CASE WHEN h.from_ai_mode IS NULL THEN NULL WHEN h.from_ai_mode = 'none' THEN ''
                            ELSE h.from_assistant END AS fs,
                       CASE WHEN h.to_ai_mode = 'none' THEN '' ELSE h.to_assistant END AS ts,
                       CASE WHEN h.producer_ai_mode IS NULL THEN NULL WHEN h.producer_ai_mode = 'none' THEN ''
                            ELSE h.producer_assistant END AS ps
                FROM report_source.handoffs AS h JOIN w USING (workflow_id)
                WHERE h.tenant_id = \(tenant) AND h.opened_month BETWEEN \(months.first) AND \(months.last)
            ), hd AS (
                -- ho: a handoff of a (from, to) group; li: a link of a (producer, to) group.
                SELECT h.*, (h.kind = 'handoff' AND h.fs IS NOT NULL) AS ho, (h.lineage = 'linked' AND h.ps IS NOT NULL) AS li
                FROM h
            )
            SELECT GROUPING(fs, ps, ts)::int4, fs, ps, ts,
                   CASE GROUPING(fs, ps, ts) WHEN 2 THEN COALESCE(array_agg(wait_us) FILTER (WHERE ho), '{}') END,
                   ARRAY[COALESCE(sum(wait_us) FILTER (WHERE ho), 0), count(*) FILTER (WHERE ho AND context_carried),
                         COALESCE(sum(wait_us) FILTER (WHERE ho AND NOT context_carried), 0),
                         count(*) FILTER (WHERE ho AND (regathered OR tag_reason = 'context-regathering')),
                         COALESCE(sum(wait_us) FILTER (WHERE ho AND (regathered OR tag_reason = 'context-regathering')), 0),
                         count(*) FILTER (WHERE ho AND tag_reason = 'ai-output-rework'),
                         count(*) FILTER (WHERE ho AND fs <> '' AND lineage IS DISTINCT FROM 'linked'),
                         count(*) FILTER (WHERE li),
                         count(*) FILTER (WHERE li AND (link_regathered OR tag_reason = 'context-regathering')),
                         count(*) FILTER (WHERE li AND tag_reason = 'ai-output-rework'),
                         COALESCE(sum(duplicate_us) FILTER (WHERE duplicate_us > 0), 0),
                         count(*) FILTER (WHERE lineage = 'other-case'), count(*) FILTER (WHERE lineage = 'cycle'),
                         count(*) FILTER (WHERE to_ai_mode <> 'none')]::int8[],
                   CASE GROUPING(fs, ps, ts) WHEN 4 THEN
                       COALESCE(array_agg(lineage_wait_us) FILTER (WHERE li AND lineage_wait_us IS NOT NULL), '{}') END,
                   COALESCE(array_agg(duplicates::text) FILTER (WHERE duplicates IS NOT NULL), '{}'),
                   CASE GROUPING(fs, ps, ts) WHEN 7 THEN
                       COALESCE(array_agg(workflow_id || chr(31) || producer_task_id) FILTER (WHERE lineage = 'linked' AND ps <> ''),
                                '{}') END
            FROM hd GROUP BY GROUPING SETS ((fs, ts), (ps, ts), (ts), ())
            """, logger: logger
        ).decode((Int32, String?, String?, String?, [Int64]?, [Int64], [Int64]?, [String], [String]?).self)
        func side(_ name: String) -> CoordinationSide { CoordinationSide(assistant: name.isEmpty ? nil : name) }
        var input = CoordinationInput()
        var duplicates: [CoordinationInput.Pair: Int64] = [:]
        // GROUPING(fs, ps, ts) sets a bit for each column left out: fs 4, ps 2, ts 1.
        for try await (grouping, fs, ps, ts, waits, v, linkWaits, duplicateRows, consumed) in rows {
            switch grouping {
            case 0b010:
                guard let fs, let ts, let waits, !waits.isEmpty else { continue }
                input.handoffs.append(
                    CoordinationInput.HandoffGroup(
                        from: side(fs), to: side(ts), handoffs: waits.count,
                        medianWait: CoordinationInput.median(waits), wait: v[0], contextCarried: Int(v[1]),
                        uncarriedWait: v[2], regathered: Int(v[3]), regatheredWait: v[4], reworked: Int(v[5]),
                        brokenLinks: Int(v[6])))
            case 0b100:
                guard let ps, let ts, v[7] > 0 else { continue }
                input.links.append(
                    CoordinationInput.LinkGroup(
                        producer: side(ps), consumer: side(ts), links: Int(v[7]),
                        medianWait: CoordinationInput.median(linkWaits ?? []), regathered: Int(v[8]),
                        reworked: Int(v[9])))
            case 0b110:
                guard let ts else { continue }
                if v[10] > 0 { input.duplicateBySide[side(ts)] = v[10] }
                for text in duplicateRows {
                    for (first, us) in HandoffColumns.duplicates(text) where us > 0 {
                        duplicates[CoordinationInput.Pair(first, side(ts)), default: 0] += us
                    }
                }
            case 0b111:
                (input.otherCaseLinks, input.cycleLinks, input.aiTasks) = (Int(v[11]), Int(v[12]), Int(v[13]))
                // A producer consumed several times counts once (the keys are workflow ␟ task).
                input.aiTasksConsumed = Set(consumed ?? []).count
            default: continue
            }
        }
        input.duplicates = duplicates.map {
            CoordinationInput.DuplicateGroup(first: $0.key.a, second: $0.key.b, microseconds: $0.value)
        }
        input.sortGroups()
        return input
    }
}
