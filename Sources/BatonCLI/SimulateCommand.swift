import ArgumentParser
import BatonCore
import BatonSimulation
import BatonStore
import Foundation

/// `baton simulate`: a SOC with a known ground truth, written to files or loaded into the database.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a simulated SOC with a known ground truth (deterministic for a seed).",
        discussion: """
            Without --out the records are loaded into the database, through the same storage code as \
            POST /v1/events. With --out they are written as NDJSON contract records (one file per tenant: \
            FILE for the first, FILE with -TENANT before the extension for the others).
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Write the records to this NDJSON file instead of loading them.")
    var out: String?

    @Option(help: "Write the ground truth (parameters and true effects) to this JSON file.")
    var truth: String?

    func run() async throws {
        let logger = try options.makeLogger()
        let scenario = try simulation.makeScenario()
        let simulator = SOCSimulator(scenario: scenario, seed: simulation.seed)
        if let truth {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(simulator.groundTruth()).write(to: URL(fileURLWithPath: truth))
            FileHandle.standardError.write(Data("ground truth written to \(truth)\n".utf8))
        }
        if let out {
            for (index, spec) in scenario.tenants.enumerated() {
                let path = index == 0 ? out : Self.path(out, tenant: spec.id)
                let workflows = simulator.workflows(tenantIndex: index)
                var text = ""
                for workflow in workflows {
                    for record in workflow.records { text += record.ndjsonLine + "\n" }
                }
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                let tasks = workflows.reduce(0) { $0 + $1.tasks.count }
                print("\(spec.id): \(workflows.count) workflows, \(tasks) tasks written to \(path)")
            }
            return
        }
        let database = try options.database(logger: logger)
        let clock = ContinuousClock()
        let started = clock.now
        let loaded = try await StorageSession.with(database, logger: logger) { storage in
            try await SimulationLoader(simulator: simulator, storage: storage, logger: logger).load()
        }
        print(
            "loaded \(loaded.workflows) workflows and \(loaded.tasks) tasks (\(loaded.accepted) records new or updated, \(loaded.duplicates) duplicates), \(loaded.tags) handoff tags, \(loaded.perceptions) value ratings and \(loaded.assignments) experiment arms\(loaded.interventions > 0 ? " (and \(loaded.interventions) recorded interventions)" : "") in \(Self.seconds(clock.now - started))"
        )
    }

    static func path(_ base: String, tenant: String) -> String {
        let url = URL(fileURLWithPath: base)
        let ext = url.pathExtension
        let stem = url.deletingPathExtension().path
        return ext.isEmpty ? "\(stem)-\(tenant)" : "\(stem)-\(tenant).\(ext)"
    }

    static func seconds(_ duration: Duration) -> String {
        let (s, attoseconds) = duration.components
        return String(format: "%.1f s", Double(s) + Double(attoseconds) / 1e18)
    }
}
