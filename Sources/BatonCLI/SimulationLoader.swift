import BatonCore
import BatonSimulation
import BatonStore
import Logging

/// Loads a simulated SOC straight into the database: tenants with their delivery model,
/// assistant metadata, then records in batches through the collector's storage code.
struct SimulationLoader {
    let simulator: SOCSimulator
    let storage: PostgresStorage
    let logger: Logger

    struct Loaded {
        var workflows = 0
        var tasks = 0
        var accepted = 0
        var duplicates = 0
        var tags = 0
        var perceptions = 0
        var assignments = 0
        var interventions = 0
    }

    func load() async throws -> Loaded {
        var loaded = Loaded()
        let scenario = simulator.scenario
        for (index, spec) in scenario.tenants.enumerated() {
            try await storage.tenants.ensureTenant(
                spec.id, deliveryModel: DeliveryModel(rawValue: spec.deliveryModel), logger: logger)
            // Rollouts and licences, then the token prices (issue 22), as the API records them.
            for a in simulator.assistantMetadata {
                _ = try await storage.tenants.putAssistant(a, tenant: spec.id, logger: logger)
            }
            if let currency = scenario.priceCurrency {
                try await storage.costs.putPrices(
                    scenario.tokenPrices, currency: currency, tenant: spec.id, logger: logger)
            }
            let workflows = simulator.workflows(tenantIndex: index)
            let records = workflows.flatMap(\.records)
            let progress = ProgressReporter(label: "loading \(spec.id)", total: records.count)
            let result = try await RecordLoader(ingest: storage.ingest, tenant: spec.id, logger: logger)
                .load(records) { progress.update($0) }
            // Analysts' tags and people's ratings, which are not collector records.
            let tags = workflows.flatMap(\.tags)
            loaded.tags += try await storage.ingest.addTags(tags, tenant: spec.id, by: nil, logger: logger)
            // The scenario's experiments, and the arms its tools were given (value-model §7).
            for e in simulator.experiments {
                _ = try await storage.experiments.putExperiment(
                    name: e.name,
                    settings: ExperimentSettings(
                        assistant: e.assistant, holdoutShare: e.holdoutShare, taskTypes: e.taskTypes,
                        startsAt: e.startsAt, endsAt: e.endsAt, plannedSample: e.plannedSample),
                    tenant: spec.id, logger: logger)
            }
            loaded.assignments += try await storage.experiments.importAssignments(
                workflows.flatMap { w in
                    w.arms.sorted { $0.key < $1.key }.map {
                        .init(
                            experiment: $0.key, workflowID: w.workflow.workflowID, arm: $0.value,
                            assignedAt: w.workflow.openedAt)
                    }
                }, tenant: spec.id, logger: logger)
            // The scenario's interventions, as an analyst would have recorded them.
            if try await storage.interventions.interventions(tenant: spec.id, logger: logger).isEmpty {
                for i in scenario.recordedInterventions {
                    _ = try await storage.interventions.addIntervention(
                        InterventionInput(date: i.date, target: i.target, description: i.description), tenant: spec.id,
                        by: nil, logger: logger)
                    loaded.interventions += 1
                }
            }
            let perceptions = simulator.perceptions(tenantIndex: index)
            try await storage.ingest.addPerceptions(perceptions, tenant: spec.id, logger: logger)
            loaded.perceptions += perceptions.count
            loaded.workflows += workflows.count
            loaded.tasks += records.count - workflows.count
            loaded.accepted += result.accepted
            loaded.duplicates += result.duplicates
        }
        try await storage.maintenance.analyzeAfterBulkLoad(logger: logger)
        return loaded
    }
}
