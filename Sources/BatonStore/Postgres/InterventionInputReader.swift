import BatonCore
import Logging
import PostgresNIO

/// What the value report's intervention figures read inside the report's snapshot
/// (`Docs/interventions.md`): the tenant's recorded interventions, and, only when one is dated in
/// the period, every handoff of the period's cases with its tool pair, sides, wait and start.
enum InterventionInputReader {
    /// The handoffs' columns with their strings coded into a table of their own.
    struct Handoffs: Sendable {
        var names = ReportNames()
        var columns = ReportHandoffColumns()
    }

    /// Every handoff (not intake) of the workflows opened in [from, to), closed or open, in rows of
    /// `chunk` workflows numbered in id order as the other report statements number them. Times
    /// travel as microseconds from `from`, as in ``ReportInputReader``.
    static func handoffs(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, start: Timestamp,
        months: ReportMonths, chunk: Int, logger: Logger
    ) async throws -> Handoffs {
        let rows = try await connection.query(
            """
            WITH w AS MATERIALIZED (
                SELECT workflow_id, (row_number() OVER (ORDER BY workflow_id))::int4 AS rn
                FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            )
            SELECT array_agg(w.rn), array_agg(h.tool_pair), array_agg(COALESCE(h.from_side, '')),
                   array_agg(h.to_side), array_agg(h.wait_us),
                   array_agg((date_part('epoch', h.handed_at - \(f)::timestamptz) * 1e6)::int8 - h.wait_us)
            FROM report_source.handoffs AS h JOIN w USING (workflow_id)
            WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff'
              AND h.opened_month BETWEEN \(months.first) AND \(months.last)
            GROUP BY (w.rn - 1) / \(chunk)
            """, logger: logger
        )
        var out = Handoffs()
        for try await (workflows, pairs, fromSides, toSides, waits, starts) in rows.decode(
            ([Int32], CodedTextArray, CodedTextArray, CodedTextArray, [Int64], [Int64]).self)
        {
            let pairCodes = pairs.recoded(into: &out.names)
            let fromCodes = fromSides.recoded(into: &out.names)
            let toCodes = toSides.recoded(into: &out.names)
            out.columns.reserveCapacity(out.columns.count + workflows.count)
            for i in workflows.indices {
                out.columns.append(
                    workflow: workflows[i], toolPair: pairCodes[Int(pairs.codes[i])],
                    fromSide: fromCodes[Int(fromSides.codes[i])], toSide: toCodes[Int(toSides.codes[i])],
                    wait: waits[i], start: start.microseconds + starts[i])
            }
        }
        return out
    }
}

extension ReportInput {
    /// Adds the handoffs read by ``InterventionInputReader/handoffs(on:tenant:from:to:start:months:chunk:logger:)``,
    /// their strings recoded into the input's names.
    mutating func add(_ handoffs: InterventionInputReader.Handoffs) {
        let recode = handoffs.names.strings.map { names.code($0) }
        var c = handoffs.columns
        for i in 0..<c.count {
            c.toolPair[i] = recode[Int(c.toolPair[i])]
            c.fromSide[i] = recode[Int(c.fromSide[i])]
            c.toSide[i] = recode[Int(c.toSide[i])]
        }
        handoffColumns = c
    }
}
