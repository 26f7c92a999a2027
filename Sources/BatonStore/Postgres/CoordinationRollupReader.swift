package import BatonCore
package import Logging
package import PostgresNIO

/// The coordination rollups of a tenant's days (migration 0019), merged over the days, read
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
        // Each day's row as it is; summed and merged per group here. Merging the days' histograms
        // in SQL (unnesting every bin, grouping by group and bin) took 0.30-0.35 s at 1 million
        // tasks in the quarter (574,250 bins over 2,345 day rows); the sorted per-day histograms
        // merge in a few milliseconds.
        let rows = try await connection.query(
            """
            SELECT grouped_by, side_a, side_b,
                   ARRAY[handoffs, wait_us, context_carried, uncarried_wait_us, regathered, regathered_wait_us,
                         reworked, broken_links, links, link_regathered, link_reworked, duplicate_us,
                         other_case_links, cycle_links, ai_tasks, ai_tasks_consumed]::int8[] AS v,
                   bins, counts
            FROM report_source.coordination_rollups
            WHERE tenant_id = \(tenant) AND day >= \(from) AND day < \(to)
            """, logger: logger
        ).decode((String, String, String, [Int64], [Int32], [Int64]).self)
        struct Group: Hashable {
            var groupedBy: String
            var a: String
            var b: String
        }
        var groups: [Group: (v: [Int64], histogram: DurationHistogram)] = [:]
        for try await (groupedBy, a, b, v, bins, counts) in rows {
            guard let day = DurationHistogram(bins: bins, counts: counts) else {
                throw CoordinationRollupError.notCanonical(group: groupedBy)
            }
            let key = Group(groupedBy: groupedBy, a: a, b: b)
            if var group = groups.removeValue(forKey: key) {
                for i in v.indices { group.v[i] += v[i] }
                group.histogram.merge(day)
                groups[key] = group
            } else {
                groups[key] = (v, day)
            }
        }
        func side(_ name: String) -> CoordinationSide { CoordinationSide(assistant: name.isEmpty ? nil : name) }
        var input = CoordinationInput(path: .rollups)
        for (key, (v, histogram)) in groups {
            let (a, b) = (key.a, key.b)
            let median = histogram.quantile(0.5)
            switch key.groupedBy {
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
