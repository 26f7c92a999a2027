package import BatonCore
package import Logging
import PostgresNIO

extension PostgresExperimentRepository {
    /// One arm decided outside this service, to record as a first ask.
    package struct ImportedAssignment: Sendable, Hashable {
        package var experiment: String
        package var workflowID: String
        package var arm: ExperimentArm
        package var assignedAt: Timestamp

        package init(experiment: String, workflowID: String, arm: ExperimentArm, assignedAt: Timestamp) {
            self.experiment = experiment
            self.workflowID = workflowID
            self.arm = arm
            self.assignedAt = assignedAt
        }
    }

    /// Records arms that tools were given elsewhere: a simulated SOC's tools, which asked
    /// ``ArmAssigner`` with the scenario's secret (`baton simulate`, `baton demo`). A case already
    /// recorded keeps its arm, as every later ask does; the experiments must exist. Returns how
    /// many were new. Not an HTTP route: a tool asks through ``assign(_:tenant:logger:)``.
    package func importAssignments(_ assignments: [ImportedAssignment], tenant: String, logger: Logger)
        async throws -> Int
    {
        var recorded = 0
        for start in stride(from: 0, to: assignments.count, by: 10_000) {
            let batch = assignments[start..<min(start + 10_000, assignments.count)]
            let experiments = batch.map(\.experiment)
            let workflows = batch.map(\.workflowID)
            let arms = batch.map(\.arm.rawValue)
            let times = batch.map(\.assignedAt.postgresText)
            recorded += try await database.tenantTransaction("import assignments", tenant: tenant, logger: logger) {
                connection in
                try await connection.query(
                    """
                    INSERT INTO experiment_assignments (tenant_id, experiment, workflow_id, arm, assigned_at)
                    SELECT \(tenant), e, w, a, t::timestamptz
                    FROM unnest(\(experiments)::text[], \(workflows)::text[], \(arms)::text[], \(times)::text[])
                        AS u(e, w, a, t)
                    ON CONFLICT DO NOTHING
                    RETURNING 1
                    """, logger: logger
                ).collectValues(Int32.self).count
            }
        }
        return recorded
    }
}
