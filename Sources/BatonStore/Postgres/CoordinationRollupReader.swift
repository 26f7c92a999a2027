package import BatonCore
package import Logging
package import PostgresNIO

/// The coordination rollups of a tenant's days (migration 0019), merged over the days in SQL, read
/// in the caller's transaction (the report's snapshot, as `baton_service` in the tenant).
package enum CoordinationRollupReader {
    /// The coordination aggregates of the workflows opened (UTC) on the days from `fromDay`'s to
    /// `toDay`'s, the latter excluded, as ``CoordinationInputReader`` computes them from the rows
    /// (path ``ComputationPath/rollups``).
    ///
    /// Counts and sums are the rows' exactly (every one adds up over days, the distinct consumed
    /// producers too: a workflow belongs to one day). Medians are those of the days' histograms
    /// merged, within ``DurationHistogram/relativeAccuracy`` (0.249%) of the rows'.
    ///
    /// Only for rollups fresh in the caller's snapshot
    /// (``RollupFreshness/usable(on:tenant:from:to:logger:)``): tagging a handoff marks its month
    /// too, since the rollups count current tags.
    package static func read(
        on connection: PostgresConnection, tenant: String, fromDay: Timestamp, toDay: Timestamp, logger: Logger
    ) async throws -> CoordinationInput {
        let (from, to) = (PostgresDate(fromDay), PostgresDate(toDay))
        // Per group: the columns summed over the days, and the histogram's bins summed bin by bin.
        let rows = try await connection.query(
            """
            WITH days AS (
                SELECT * FROM report_source.coordination_rollups
                WHERE tenant_id = \(tenant) AND day >= \(from) AND day < \(to)
            ), cells AS (
                SELECT d.grouped_by, d.side_a, d.side_b, c.bin, sum(c.n)::int8 AS n
                FROM days AS d, unnest(d.bins, d.counts) AS c(bin, n)
                GROUP BY 1, 2, 3, 4
            ), histograms AS (
                SELECT grouped_by, side_a, side_b, array_agg(bin ORDER BY bin) AS bins, array_agg(n ORDER BY bin) AS counts
                FROM cells GROUP BY 1, 2, 3
            ), sums AS (
                SELECT grouped_by, side_a, side_b,
                       ARRAY[sum(handoffs), sum(wait_us), sum(context_carried), sum(uncarried_wait_us), sum(regathered),
                             sum(regathered_wait_us), sum(reworked), sum(broken_links), sum(links),
                             sum(link_regathered), sum(link_reworked), sum(duplicate_us), sum(other_case_links),
                             sum(cycle_links), sum(ai_tasks), sum(ai_tasks_consumed)]::int8[] AS v
                FROM days GROUP BY 1, 2, 3
            )
            SELECT s.grouped_by, s.side_a, s.side_b, s.v, COALESCE(h.bins, '{}'), COALESCE(h.counts, '{}')
            FROM sums AS s LEFT JOIN histograms AS h USING (grouped_by, side_a, side_b)
            """, logger: logger
        ).decode((String, String, String, [Int64], [Int32], [Int64]).self)
        func side(_ name: String) -> CoordinationSide { CoordinationSide(assistant: name.isEmpty ? nil : name) }
        var input = CoordinationInput(path: .rollups)
        for try await (groupedBy, a, b, v, bins, counts) in rows {
            guard let histogram = DurationHistogram(bins: bins, counts: counts) else {
                throw CoordinationRollupError.notCanonical(group: groupedBy)
            }
            let median = histogram.quantile(0.5)
            switch groupedBy {
            case "from-to" where v[0] > 0:
                input.handoffs.append(
                    CoordinationInput.HandoffGroup(
                        from: side(a), to: side(b), handoffs: Int(v[0]), medianWait: median, wait: v[1],
                        contextCarried: Int(v[2]), uncarriedWait: v[3], regathered: Int(v[4]), regatheredWait: v[5],
                        reworked: Int(v[6]), brokenLinks: Int(v[7])))
            case "producer-to" where v[8] > 0:
                input.links.append(
                    CoordinationInput.LinkGroup(
                        producer: side(a), consumer: side(b), links: Int(v[8]), medianWait: median,
                        regathered: Int(v[9]), reworked: Int(v[10])))
            case "to" where v[11] > 0:
                input.duplicateBySide[side(b)] = v[11]
            case "first-to" where v[11] > 0:
                input.duplicates.append(
                    CoordinationInput.DuplicateGroup(first: side(a), second: side(b), microseconds: v[11]))
            case "all":
                (input.otherCaseLinks, input.cycleLinks) = (Int(v[12]), Int(v[13]))
                (input.aiTasks, input.aiTasksConsumed) = (Int(v[14]), Int(v[15]))
            default: continue
            }
        }
        input.sortGroups()
        return input
    }
}
