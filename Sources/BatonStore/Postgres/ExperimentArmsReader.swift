import BatonCore
import Logging
import PostgresNIO

/// The experiments a report analyses and the arms of the period's workflows in them
/// (value-model §7), read in the report's snapshot.
enum ExperimentArmsReader {
    /// The arms recorded for the period's workflows, by workflow number (numbered in id order,
    /// as every statement of the report numbers them) and experiment name.
    struct Arms: Sendable {
        var workflow: [Int32] = []
        var experiment: [String] = []
        var holdout: [Bool] = []
    }

    /// The tenant's experiments whose time overlaps [from, to): started before the period's end,
    /// and not stopped or ended before its start.
    static func experiments(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, logger: Logger
    ) async throws -> [Experiment] {
        try await connection.query(
            """
            SELECT \(unescaped: ExperimentColumns.select(name: "experiment"))
            FROM report_source.experiments AS e
            WHERE e.tenant_id = \(tenant) AND e.starts_at < \(t)::timestamptz
              AND COALESCE(LEAST(e.stopped_at, e.ends_at), 'infinity') > \(f)::timestamptz
            ORDER BY e.experiment
            """, logger: logger
        ).collect().map { try ExperimentColumns.experiment($0.makeRandomAccess(), from: 0) }
    }

    /// The arms of the workflows opened in [from, to) in `experiments`.
    static func arms(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, experiments: [String],
        logger: Logger
    ) async throws -> Arms {
        let rows = try await connection.query(
            """
            WITH w AS (
                SELECT workflow_id, (row_number() OVER (ORDER BY workflow_id))::int4 AS rn
                FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            )
            SELECT COALESCE(array_agg(w.rn), '{}'), COALESCE(array_agg(a.experiment), '{}'),
                   COALESCE(array_agg(a.arm = 'holdout'), '{}')
            FROM report_source.experiment_assignments AS a JOIN w USING (workflow_id)
            WHERE a.tenant_id = \(tenant) AND a.experiment = ANY (\(experiments)::text[])
            """, logger: logger
        ).collect(as: ([Int32], [String], [Bool]).self)
        guard let (workflow, experiment, holdout) = rows.first else { return Arms() }
        return Arms(workflow: workflow, experiment: experiment, holdout: holdout)
    }
}
