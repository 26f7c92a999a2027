package import BatonCore
package import Logging
import PostgresNIO

/// What the value report, the coordination matrix, the survey and the workflow pages read, on
/// PostgreSQL: each read in one transaction of its tenant, the report's in one snapshot.
package struct PostgresReportSource: ReportSourceRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// Everything the value report needs for workflows opened in [from, to), in one read-only
    /// snapshot. Aggregates that SQL computes well (friction, readiness) are computed here.
    package func reportInput(
        tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger
    ) async throws -> ReportInput {
        try await reportInput(
            tenant: tenant, from: from, to: to, chunk: ReportInputReader.reportChunk, classBy: classBy, logger: logger)
    }

    /// The report input read in rows of `chunk` workflows (tests use small chunks to cross many
    /// row boundaries).
    package func reportInput(
        tenant: String, from: Timestamp, to: Timestamp, chunk: Int, classBy: HandoffClassing = .tool, logger: Logger
    ) async throws -> ReportInput {
        let (f, t) = (from.postgresText, to.postgresText)
        let months = ReportMonths(from: from, to: to)
        if !database.isReplica { try await PostgresMaintenance(database: database).analyzeIfStale(logger: logger) }
        let assistants = try await PostgresTenantRepository(database: database).assistants(
            tenant: tenant, logger: logger)
        return try await database.tenantTransaction("report input", tenant: tenant, snapshot: true, logger: logger) {
            connection in
            // The task, friction and coordination statements run at the same time on connections
            // that share this transaction's snapshot, so all read the same data while PostgreSQL
            // uses every core.
            // A standby cannot export snapshots: there the statements run one after the other.
            try await ReportInputReader.disableParallelWorkersAndRaiseWorkMem(on: connection, logger: logger)
            let standby =
                try await connection.query("SELECT pg_is_in_recovery()", logger: logger).collectValues(Bool.self).first
                ?? true
            let snapshot =
                standby
                ? nil
                : try await connection.query("SELECT pg_export_snapshot()", logger: logger)
                    .collectValues(String.self).first
            let fallback = snapshot == nil ? connection : nil
            // Friction, token sums and coordination come from the daily rollups when they count
            // every row of the period in this snapshot (value-model §10); the same figures either
            // way. One check for all three, in the snapshot they share.
            let rollups = try await RollupFreshness.usable(
                on: connection, tenant: tenant, from: from, to: to, logger: logger)
            let sums = rollups ? ComputationPath.rollups : .rows
            async let tasks = ReportInputReader.sharingSnapshot(
                snapshot, tenant: tenant, client: database.client, fallback: fallback, logger: logger
            ) {
                try await ReportInputReader.taskStaging(
                    on: $0, tenant: tenant, from: f, to: t, months: months, chunk: chunk, logger: logger)
            }
            async let side = ReportInputReader.sharingSnapshot(
                snapshot, tenant: tenant, client: database.client, fallback: fallback, logger: logger
            ) { side in
                let (friction, perceptions) = try await ReportInputReader.frictionAndPerceptions(
                    on: side, tenant: tenant, from: f, to: t, months: months, classBy: classBy, path: sums,
                    logger: logger)
                // The cost inputs (issue 22) beside friction, not after everything: the token sums
                // scan the period's AI tasks.
                let tokens = try await TokenUsageReader.tokenUsage(
                    on: side, tenant: tenant, from: f, to: t, months: months, rollups: sums == .rollups,
                    logger: logger)
                let prices = try await PostgresCostRepository.prices(tenant: tenant, on: side, logger: logger)
                let rate =
                    try await side.query(
                        "SELECT hourly_rate::float8 FROM tenants WHERE tenant_id = \(tenant)", logger: logger
                    ).collectValues(Double?.self).first ?? nil
                return (friction, perceptions, tokens, prices, rate)
            }
            async let coordination = ReportInputReader.sharingSnapshot(
                snapshot, tenant: tenant, client: database.client, fallback: fallback, logger: logger
            ) {
                try await Self.coordination(
                    on: $0, tenant: tenant, from: from, to: to, rollups: rollups, logger: logger)
            }
            // Interventions are few; the workflow statement reads every handoff's pair, sides and
            // start for them only when one is dated in the period (Docs/interventions.md).
            let interventions = try await PostgresInterventionRepository.interventions(
                tenant: tenant, before: t, on: connection, logger: logger)
            let measuring = interventions.contains { $0.date >= from }
            let workflows = try await ReportInputReader.workflowStaging(
                on: connection, tenant: tenant, from: f, to: t, months: months, chunk: chunk, classBy: classBy,
                handoffSides: measuring, logger: logger)
            // Shared with the staging (copy on write), not copied.
            let handoffs = workflows.interventionHandoffs ?? InterventionInputReader.Handoffs()
            // Experiments are few; their arms are read only when there are some (value-model §7).
            let experiments = try await ExperimentArmsReader.experiments(
                on: connection, tenant: tenant, from: f, to: t, logger: logger)
            let arms =
                experiments.isEmpty
                ? ExperimentArmsReader.Arms()
                : try await ExperimentArmsReader.arms(
                    on: connection, tenant: tenant, from: f, to: t, experiments: experiments.map(\.name),
                    logger: logger)
            let (friction, perceptionRows, tokenUsage, prices, hourlyRate) = try await side
            var input = ReportInputReader.assemble(
                tenant: tenant, from: from, to: to, workflows: consume workflows, tasks: try await tasks,
                friction: friction, perceptionRows: perceptionRows, assistants: assistants, experiments: experiments,
                arms: arms)
            input.friction.classesPath = sums
            input.tokenUsagePath = sums
            input.coordination = try await coordination
            input.interventions = interventions
            input.add(handoffs)
            input.tokenUsage = tokenUsage
            input.prices = prices
            input.hourlyRate = hourlyRate
            return input
        }
    }

    /// The rollup figures of the report on workflows opened in [from, to) (``ReportPreview``): the
    /// friction classes and the coordination matrix from the daily rollups, in one snapshot that
    /// also finds them fresh; `nil` when the period is not whole UTC days or they are not fresh.
    package func reportPreview(
        tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger
    ) async throws -> ReportPreview? {
        let months = ReportMonths(from: from, to: to)
        return try await database.tenantTransaction("report preview", tenant: tenant, snapshot: true, logger: logger) {
            connection in
            guard
                try await RollupFreshness.usable(on: connection, tenant: tenant, from: from, to: to, logger: logger)
            else { return nil }
            let friction = try await ReportInputReader.friction(
                on: connection, tenant: tenant, from: from.postgresText, to: to.postgresText, months: months,
                classBy: classBy, path: .rollups, logger: logger)
            let coordination = try await Self.coordination(
                on: connection, tenant: tenant, from: from, to: to, rollups: true, logger: logger)
            return ReportPreview(
                topClasses: ReportInputReader.classFriction(friction), coordination: CoordinationMatrix(coordination))
        }
    }

    /// The coordination aggregates (value-model §8) of the workflows opened in [from, to), in
    /// one read-only transaction: `GET /v1/coordination` without the rest of the report.
    package func coordinationInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> CoordinationInput
    {
        // One snapshot: the rollups' freshness and the rollups themselves.
        try await database.tenantTransaction("coordination", tenant: tenant, snapshot: true, logger: logger) {
            connection in
            let rollups = try await RollupFreshness.usable(
                on: connection, tenant: tenant, from: from, to: to, logger: logger)
            return try await Self.coordination(
                on: connection, tenant: tenant, from: from, to: to, rollups: rollups, logger: logger)
        }
    }

    /// The coordination aggregates of [from, to) in the transaction of `connection`: from the
    /// daily rollups when `rollups` (the period is whole UTC days and they are fresh in this
    /// snapshot, ``RollupFreshness/usable(on:tenant:from:to:logger:)``; ``CoordinationRollupReader``),
    /// otherwise from every handoff row (``CoordinationInputReader``).
    static func coordination(
        on connection: PostgresConnection, tenant: String, from: Timestamp, to: Timestamp, rollups: Bool,
        logger: Logger
    ) async throws -> CoordinationInput {
        if rollups {
            return try await CoordinationRollupReader.read(
                on: connection, tenant: tenant, fromDay: from, toDay: to, logger: logger)
        }
        return try await CoordinationInputReader.coordinationInput(
            on: connection, tenant: tenant, from: from, to: to, logger: logger)
    }

    /// A fingerprint of everything a tenant's report is computed from: it changes whenever a
    /// workflow, task, tag, rating, assistant, experiment, assignment or intervention is added, changed or
    /// deleted, so a cached report with the same fingerprint is still exact. It reads no workflow
    /// or task: its cost does not grow with the tenant's history.
    package func dataVersion(tenant: String, logger: Logger) async throws -> String {
        let rows = try await database.tenantTransaction("data version", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                SELECT concat_ws('/',
                    -- Workflows, tasks and handoffs, without reading them (migration 0022): every
                    -- write adds a rollup mark; a pass that deletes marks or rows raises the
                    -- generation in the same transaction.
                    COALESCE((SELECT generation FROM data_generations WHERE tenant_id = \(tenant)), 0) || ':'
                        || (SELECT count(*) FROM rollup_dirty WHERE tenant_id = \(tenant)),
                    (SELECT count(*) || ':' || COALESCE(max(tag_id), 0) FROM handoff_tags WHERE tenant_id = \(tenant)),
                    (SELECT count(*) FROM perceptions WHERE tenant_id = \(tenant)),
                    (SELECT count(*) || ':' || COALESCE((extract(epoch FROM max(updated_at)) * 1000000)::int8, 0)
                     FROM assistants WHERE tenant_id = \(tenant)),
                    -- Experiments change in place (stopped, re-planned): their rows are the version.
                    (SELECT md5(COALESCE(string_agg(e::text, ',' ORDER BY e.name), ''))
                     FROM experiments AS e WHERE e.tenant_id = \(tenant)),
                    -- Assignments are only ever added.
                    (SELECT count(*) || ':' || COALESCE((extract(epoch FROM max(assigned_at)) * 1000000)::int8, 0)
                     FROM experiment_assignments WHERE tenant_id = \(tenant)),
                    -- So are interventions, numbered 1, 2, … per tenant.
                    (SELECT count(*) || ':' || COALESCE(max(intervention_id), 0)
                     FROM interventions WHERE tenant_id = \(tenant)),
                    -- Prices are replaced as a whole (issue 22): their rows are the version.
                    (SELECT md5(COALESCE(string_agg(p::text, ',' ORDER BY p.provider, p.model, p.effective_from), ''))
                     FROM token_prices AS p WHERE p.tenant_id = \(tenant)),
                    -- The hourly rate setting values net value when a request gives none.
                    (SELECT COALESCE(hourly_rate::text, '-') FROM tenants WHERE tenant_id = \(tenant)))
                """, logger: logger
            ).collectValues(String.self)
        }
        return rows.first ?? ""
    }

    /// The first and last opening of the tenant's workflows, or `nil` when it has none.
    package func dataSpan(tenant: String, logger: Logger) async throws -> (Timestamp, Timestamp)? {
        let rows = try await database.tenantTransaction("data span", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                SELECT (extract(epoch FROM min(effective_opened_at)) * 1000000)::int8,
                       (extract(epoch FROM max(effective_opened_at)) * 1000000)::int8
                FROM workflows WHERE tenant_id = \(tenant)
                """, logger: logger
            ).collect(as: (Int64?, Int64?).self)
        }
        guard let (first, last) = rows.first, let first, let last else { return nil }
        return (Timestamp(microseconds: first), Timestamp(microseconds: last))
    }

    package func workflow(id: String, tenant: String, logger: Logger) async throws
        -> WorkflowTimeline?
    {
        // One snapshot for the workflow, its tasks, handoffs and tags.
        try await database.tenantTransaction("read workflow", tenant: tenant, snapshot: true, logger: logger) {
            connection in
            try await try await WorkflowTimelineReader.timeline(id: id, tenant: tenant, on: connection, logger: logger)
        }
    }

    /// Tenant settings and the SOC-level handoff wait share for the survey CSV, over the same
    /// workflows as the value report (closed, opened in [from, to)).
    package func surveyContext(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> SurveyContext
    {
        let (f, t) = (from.postgresText, to.postgresText)
        // The tenant row may not exist yet (no data, no token): create it so it has a salt.
        try await PostgresTenantRepository(database: database).ensureTenant(tenant, deliveryModel: nil, logger: logger)
        let rows = try await database.tenantTransaction("survey context", tenant: tenant, logger: logger) {
            connection in
            try await connection.query(
                """
                SELECT COALESCE(NULLIF(tn.display_name, ''), tn.tenant_id), tn.delivery_model, tn.export_salt,
                       (SELECT sum(w.handoff_wait_us)::float8 / NULLIF(sum(w.lead_us), 0)::float8
                        FROM workflows AS w
                        WHERE w.tenant_id = tn.tenant_id AND w.lead_us IS NOT NULL
                          AND w.effective_opened_at >= \(f)::timestamptz AND w.effective_opened_at < \(t)::timestamptz)
                FROM tenants AS tn WHERE tn.tenant_id = \(tenant)
                """, logger: logger
            ).collect(as: (String, String?, ByteBuffer, Double?).self)
        }
        guard let (name, delivery, salt, share) = rows.first else { throw StoreError.internalError }
        return SurveyContext(
            socName: name, deliveryModel: delivery.flatMap(DeliveryModel.init(rawValue:)), handoffWaitShare: share,
            salt: Array(salt.readableBytesView))
    }
}
