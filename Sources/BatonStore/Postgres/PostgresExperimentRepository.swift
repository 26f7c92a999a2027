package import BatonCore
package import Logging
import NIOCore
import PostgresNIO

/// Experiments and assignments on PostgreSQL (migration 0013).
///
/// Administration (start, change, stop) runs under a per-tenant advisory lock, so two admins
/// cannot open two experiments for one assistant at once (the partial unique index
/// `experiments_one_open_per_assistant` would refuse the second anyway). An assignment is one
/// transaction of two statements (the running experiments, then insert-or-read of the arms); the
/// tenant's secret is read once per process.
package struct PostgresExperimentRepository: ExperimentRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// The tenant's experiments with their assignment counts; one when `name` is given.
    private static func statuses(
        tenant: String, name: String?, on connection: PostgresConnection, logger: Logger
    ) async throws -> [ExperimentStatus] {
        try await connection.query(
            """
            SELECT \(unescaped: ExperimentColumns.select(name: "name")),
                   (extract(epoch FROM e.created_at) * 1000000)::int8, c.use_count, c.holdout_count,
                   (e.stopped_at IS NULL AND e.starts_at <= now() AND (e.ends_at IS NULL OR e.ends_at > now()))
            FROM experiments AS e
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE a.arm = 'use')::int8 AS use_count,
                       count(*) FILTER (WHERE a.arm = 'holdout')::int8 AS holdout_count
                FROM experiment_assignments AS a WHERE a.tenant_id = e.tenant_id AND a.experiment = e.name
            ) AS c
            WHERE e.tenant_id = \(tenant) AND (\(name)::text IS NULL OR e.name = \(name)::text)
            ORDER BY e.created_at DESC, e.name
            """, logger: logger
        ).collect().map { row in
            let row = row.makeRandomAccess()
            let n = ExperimentColumns.count
            return ExperimentStatus(
                experiment: try ExperimentColumns.experiment(row, from: 0),
                createdAt: Timestamp(microseconds: try row[n].decode(Int64.self)),
                useCount: Int(try row[n + 1].decode(Int64.self)), holdoutCount: Int(try row[n + 2].decode(Int64.self)),
                running: try row[n + 3].decode(Bool.self))
        }
    }

    /// Serialises the tenant's experiment administration and closes experiments past their end
    /// (stopped at their end), so that they no longer hold their assistant. Returns the database's now.
    private static func beginAdministration(tenant: String, on connection: PostgresConnection, logger: Logger)
        async throws -> Timestamp
    {
        try await connection.query(
            "INSERT INTO tenants (tenant_id) VALUES (\(tenant)) ON CONFLICT (tenant_id) DO NOTHING", logger: logger
        ).drain()
        let now =
            try await connection.query(
                """
                SELECT (extract(epoch FROM now()) * 1000000)::int8
                FROM (SELECT pg_advisory_xact_lock(hashtextextended('baton.experiments:' || \(tenant), 0))) AS locked
                """, logger: logger
            ).collectValues(Int64.self).first.map(Timestamp.init(microseconds:)) ?? .now
        try await connection.query(
            """
            UPDATE experiments SET stopped_at = ends_at
            WHERE tenant_id = \(tenant) AND stopped_at IS NULL AND ends_at <= now()
            """, logger: logger
        ).drain()
        return now
    }

    package func putExperiment(name: String, settings: ExperimentSettings, tenant: String, logger: Logger)
        async throws -> (status: ExperimentStatus, created: Bool)
    {
        if let problem = settings.problem { throw ExperimentError.invalid(problem) }
        let outcome = try await database.tenantTransaction("put experiment", tenant: tenant, logger: logger) {
            connection -> Result<(ExperimentStatus, Bool), ExperimentError> in
            let now = try await Self.beginAdministration(tenant: tenant, on: connection, logger: logger)
            let existing = try await Self.statuses(tenant: tenant, name: name, on: connection, logger: logger).first
            let startsAt = settings.startsAt ?? existing?.experiment.startsAt ?? now
            if let endsAt = settings.endsAt, endsAt <= startsAt {
                return .failure(.invalid("field 'ends_at' (\(endsAt)) must be after the start (\(startsAt))"))
            }
            if let existing {
                let stored = existing.experiment
                let same =
                    stored.assistant == settings.assistant && stored.holdoutShare == settings.holdoutShare
                    && stored.taskTypes == settings.taskTypes && stored.startsAt == startsAt
                    && stored.endsAt == settings.endsAt && stored.plannedSample == settings.plannedSample
                if same { return .success((existing, false)) }
                if let stoppedAt = stored.stoppedAt {
                    return .failure(.alreadyStopped(experiment: name, at: stoppedAt))
                }
                if stored.startsAt <= now {
                    // The randomization of a started experiment is fixed: its arms are already in use.
                    for (field, changed) in [
                        ("assistant", stored.assistant != settings.assistant),
                        ("holdout_share", stored.holdoutShare != settings.holdoutShare),
                        ("task_types", stored.taskTypes != settings.taskTypes),
                        ("starts_at", stored.startsAt != startsAt),
                    ] where changed {
                        return .failure(.settingLocked(experiment: name, field: field))
                    }
                }
            }
            let busy = try await connection.query(
                """
                SELECT name FROM experiments
                WHERE tenant_id = \(tenant) AND assistant = \(settings.assistant) AND stopped_at IS NULL
                  AND name <> \(name)
                """, logger: logger
            ).collectValues(String.self)
            if let other = busy.first {
                return .failure(.assistantBusy(assistant: settings.assistant, experiment: other))
            }
            try await connection.query(
                """
                INSERT INTO experiments AS e (tenant_id, name, assistant, holdout_share, task_types, starts_at, ends_at,
                                              planned_sample)
                VALUES (\(tenant), \(name), \(settings.assistant), \(settings.holdoutShare), \(settings.taskTypes),
                        \(startsAt.postgresText)::timestamptz, \(settings.endsAt?.postgresText)::timestamptz,
                        \(settings.plannedSample.map(Int64.init)))
                ON CONFLICT (tenant_id, name) DO UPDATE SET
                    assistant = excluded.assistant, holdout_share = excluded.holdout_share,
                    task_types = excluded.task_types, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                    planned_sample = excluded.planned_sample
                """, logger: logger
            ).drain()
            let stored = try await Self.statuses(tenant: tenant, name: name, on: connection, logger: logger)
            guard let status = stored.first else { throw StoreError.internalError }
            return .success((status, existing == nil))
        }
        let (status, created) = try outcome.get()
        database.assignmentCache.forgetRunning(tenant: tenant)
        return (status, created)
    }

    package func experiments(tenant: String, logger: Logger) async throws -> [ExperimentStatus] {
        try await database.tenantTransaction("list experiments", tenant: tenant, logger: logger) { connection in
            try await Self.statuses(tenant: tenant, name: nil, on: connection, logger: logger)
        }
    }

    package func experiment(named name: String, tenant: String, logger: Logger) async throws -> ExperimentStatus {
        let found = try await database.tenantTransaction("read experiment", tenant: tenant, logger: logger) {
            connection in
            try await Self.statuses(tenant: tenant, name: name, on: connection, logger: logger)
        }
        guard let status = found.first else { throw ExperimentError.notFound(experiment: name) }
        return status
    }

    package func stopExperiment(named name: String, tenant: String, logger: Logger) async throws
        -> ExperimentStatus
    {
        let outcome = try await database.tenantTransaction("stop experiment", tenant: tenant, logger: logger) {
            connection -> Result<ExperimentStatus, ExperimentError> in
            _ = try await Self.beginAdministration(tenant: tenant, on: connection, logger: logger)
            guard
                let existing = try await Self.statuses(tenant: tenant, name: name, on: connection, logger: logger).first
            else { return .failure(.notFound(experiment: name)) }
            if let stoppedAt = existing.experiment.stoppedAt {
                return .failure(.alreadyStopped(experiment: name, at: stoppedAt))
            }
            try await connection.query(
                "UPDATE experiments SET stopped_at = now() WHERE tenant_id = \(tenant) AND name = \(name)",
                logger: logger
            ).drain()
            let stored = try await Self.statuses(tenant: tenant, name: name, on: connection, logger: logger)
            guard let status = stored.first else { throw StoreError.internalError }
            return .success(status)
        }
        database.assignmentCache.forgetRunning(tenant: tenant)
        return try outcome.get()
    }

    package func assign(_ requests: [AssignmentRequest], tenant: String, logger: Logger) async throws
        -> [ArmAssignment]
    {
        guard requests.count <= ArmAssignment.maxBatch else {
            throw ExperimentError.invalid(
                "at most \(ArmAssignment.maxBatch) assignments per request, got \(requests.count): split the batch")
        }
        guard !requests.isEmpty else { return [] }
        let assistants = Array(Set(requests.map(\.assistant)))
        let cache = database.assignmentCache
        let cached = cache.running(tenant: tenant, assistants: assistants)
        if let cached, let assigner = cache.assigner(tenant: tenant),
            let answers = try await assignAlone(
                requests, experimentOf: cached, assigner: assigner, tenant: tenant, logger: logger)
        {
            return answers
        }
        return try await database.tenantTransaction("assign arms", tenant: tenant, logger: logger) { connection in
            var experimentOf: [String: AssignmentCache.Running]
            if let cached {
                experimentOf = cached
            } else {
                experimentOf = try await Self.running(assistants, tenant: tenant, on: connection, logger: logger)
                cache.remember(running: experimentOf, assistants: assistants, tenant: tenant)
            }
            guard !experimentOf.isEmpty else { return requests.map(ArmAssignment.unassigned) }
            let assigner = try await Self.assigner(tenant: tenant, cache: cache, on: connection, logger: logger)
            var asks = FirstAsks(requests, experimentOf: experimentOf, assigner: assigner)
            var stored = try await Self.record(asks, tenant: tenant, on: connection, logger: logger)
            if stored.dead {
                // A cached experiment stopped or ended: look the assistants up again and record
                // again (the rows recorded a moment ago are read back).
                cache.forgetRunning(tenant: tenant)
                experimentOf = try await Self.running(assistants, tenant: tenant, on: connection, logger: logger)
                cache.remember(running: experimentOf, assistants: assistants, tenant: tenant)
                asks = FirstAsks(requests, experimentOf: experimentOf, assigner: assigner)
                stored = try await Self.record(asks, tenant: tenant, on: connection, logger: logger)
            }
            var rows = stored.rows
            // A concurrent first ask of the same case commits between this statement's snapshot and
            // its insert: the row is then neither inserted here nor visible; read it again.
            let missing = asks.keys.filter { rows[$0] == nil }
            if !missing.isEmpty {
                let reread = try await Self.storedAssignments(
                    tenant: tenant, keys: missing, on: connection, logger: logger)
                rows.merge(reread) { first, _ in first }
            }
            guard let answers = Self.answers(requests, experimentOf: experimentOf, rows: rows) else {
                throw StoreError.internalError
            }
            return answers
        }
    }

    /// The common case, in one round trip: every assistant's running experiment and the tenant's
    /// hasher are cached, and the recording statement runs on its own (it enters the tenant
    /// itself), without `BEGIN` and `COMMIT` around it. `nil` when it cannot answer alone (an
    /// experiment stopped, a concurrent first ask, a lock race): the transaction then does it all
    /// again, and the rows this statement committed are read back there, unchanged.
    private func assignAlone(
        _ requests: [AssignmentRequest], experimentOf: [String: AssignmentCache.Running], assigner: ArmAssigner,
        tenant: String, logger: Logger
    ) async throws -> [ArmAssignment]? {
        guard !experimentOf.isEmpty else { return requests.map(ArmAssignment.unassigned) }
        let asks = FirstAsks(requests, experimentOf: experimentOf, assigner: assigner)
        let stored = try await database.statement("assign arms", logger: logger) { connection -> Recorded? in
            do {
                return try await Self.record(asks, tenant: tenant, on: connection, logger: logger)
            } catch  where StoreError.isRetryable(error) {
                return nil
            }
        }
        guard let stored, !stored.dead else { return nil }
        return Self.answers(requests, experimentOf: experimentOf, rows: stored.rows)
    }

    /// Each request's answer from the stored rows; `nil` when a row is missing.
    private static func answers(
        _ requests: [AssignmentRequest], experimentOf: [String: AssignmentCache.Running],
        rows: [AssignmentKey: (ExperimentArm, Timestamp)]
    ) -> [ArmAssignment]? {
        var answers: [ArmAssignment] = []
        answers.reserveCapacity(requests.count)
        for request in requests {
            guard let experiment = experimentOf[request.assistant] else {
                answers.append(.unassigned(request))
                continue
            }
            guard
                let (arm, assignedAt) = rows[AssignmentKey(experiment: experiment.name, workflowID: request.workflowID)]
            else { return nil }
            answers.append(
                ArmAssignment(
                    workflowID: request.workflowID, assistant: request.assistant, arm: arm,
                    experiment: experiment.name, assignedAt: assignedAt))
        }
        return answers
    }

    /// The running experiments of `assistants`, by assistant.
    private static func running(
        _ assistants: [String], tenant: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> [String: AssignmentCache.Running] {
        let rows = try await connection.query(
            """
            SELECT assistant, name, holdout_share FROM experiments
            WHERE tenant_id = \(tenant) AND assistant = ANY(\(assistants)::text[]) AND stopped_at IS NULL
              AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())
            """, logger: logger
        ).collect(as: (String, String, Double).self)
        var found: [String: AssignmentCache.Running] = [:]
        for (assistant, name, share) in rows { found[assistant] = AssignmentCache.Running(name: name, share: share) }
        return found
    }

    /// The first asks of `requests` whose assistant runs an experiment: one per distinct
    /// (experiment, workflow), with the arm the hash gives it, in key order, so that two batches
    /// inserting the same cases lock them in the same order and cannot deadlock.
    private struct FirstAsks: Sendable {
        var keys: [AssignmentKey] = []
        var arms: [String] = []

        init(
            _ requests: [AssignmentRequest], experimentOf: [String: AssignmentCache.Running], assigner: ArmAssigner
        ) {
            var seen = Set<AssignmentKey>()
            var asks: [(key: AssignmentKey, arm: String)] = []
            for request in requests {
                guard let experiment = experimentOf[request.assistant] else { continue }
                let key = AssignmentKey(experiment: experiment.name, workflowID: request.workflowID)
                guard seen.insert(key).inserted else { continue }
                let arm = assigner.arm(
                    experiment: experiment.name, workflowID: request.workflowID, holdoutShare: experiment.share)
                asks.append((key, arm.rawValue))
            }
            asks.sort { ($0.key.experiment, $0.key.workflowID) < ($1.key.experiment, $1.key.workflowID) }
            keys = asks.map(\.key)
            arms = asks.map(\.arm)
        }
    }

    private struct AssignmentKey: Hashable, Sendable {
        var experiment: String
        var workflowID: String
    }

    /// The tenant's hasher, its secret read once per process.
    private static func assigner(
        tenant: String, cache: AssignmentCache, on connection: PostgresConnection, logger: Logger
    ) async throws -> ArmAssigner {
        if let cached = cache.assigner(tenant: tenant) { return cached }
        let rows = try await connection.query(
            "SELECT assignment_secret FROM tenants WHERE tenant_id = \(tenant)", logger: logger
        ).collectValues(ByteBuffer.self)
        // Experiments exist, so the tenant row does (foreign key).
        guard let secret = rows.first else { throw StoreError.internalError }
        return cache.remember(Array(secret.readableBytesView), tenant: tenant)
    }

    /// What one recording statement found: the stored arm and time of each asked case, and
    /// whether one of the experiments asked about no longer runs (nothing was recorded for it).
    private struct Recorded: Sendable {
        var rows: [AssignmentKey: (ExperimentArm, Timestamp)]
        var dead: Bool
    }

    /// Inserts the first asks of the experiments that still run and reads back every asked case's
    /// stored arm and time, in one statement (``RecordAssignments``).
    private static func record(
        _ asks: FirstAsks, tenant: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Recorded {
        var rows: [(String, String, String?, Int64?)] = []
        var dead = false
        let statement = RecordAssignments(
            tenant: tenant, workflowIDs: asks.keys.map(\.workflowID), experiments: asks.keys.map(\.experiment),
            arms: asks.arms)
        for try await row in try await connection.execute(statement, logger: logger) {
            rows.append((row.0, row.1, row.2, row.3))
            dead = dead || !row.4
        }
        return Recorded(rows: Self.keyed(rows), dead: dead)
    }

    /// The stored arms of some cases (a plain read, with a fresh snapshot).
    private static func storedAssignments(
        tenant: String, keys: [AssignmentKey], on connection: PostgresConnection, logger: Logger
    ) async throws -> [AssignmentKey: (ExperimentArm, Timestamp)] {
        let rows = try await connection.query(
            """
            SELECT a.experiment, a.workflow_id, a.arm, (extract(epoch FROM a.assigned_at) * 1000000)::int8
            FROM unnest(\(keys.map(\.experiment))::text[], \(keys.map(\.workflowID))::text[]) AS r(experiment, workflow_id)
            JOIN LATERAL (
                SELECT x.experiment, x.workflow_id, x.arm, x.assigned_at FROM experiment_assignments AS x
                WHERE x.tenant_id = \(tenant) AND x.experiment = r.experiment AND x.workflow_id = r.workflow_id OFFSET 0
            ) AS a ON true
            """, logger: logger
        ).collect(as: (String, String, String?, Int64?).self)
        return Self.keyed(rows)
    }

    private static func keyed(_ rows: [(String, String, String?, Int64?)]) -> [AssignmentKey: (
        ExperimentArm, Timestamp
    )] {
        var result: [AssignmentKey: (ExperimentArm, Timestamp)] = [:]
        for (experiment, workflowID, arm, assignedAt) in rows {
            guard let arm = arm.flatMap(ExperimentArm.init(rawValue:)), let assignedAt else { continue }
            result[AssignmentKey(experiment: experiment, workflowID: workflowID)] = (
                arm, Timestamp(microseconds: assignedAt)
            )
        }
        return result
    }
}
