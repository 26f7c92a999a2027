import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton experiment start NAME --assistant X --holdout-share 0.2 …`: as `PUT /v1/experiments/{name}`.
struct ExperimentStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start an experiment: hold the assistant out of a share of cases, chosen at random.")

    @OptionGroup var options: TenantStorageOptions

    @Argument(help: "The experiment's name, unique within the tenant.")
    var name: String

    @Option(help: "The assistant whose use is randomized.")
    var assistant: String

    @Option(help: "The share of cases held out, 0.05 to 0.5.")
    var holdoutShare: Double

    @Option(help: "A task type the experiment is about (repeat for several; default: every type).")
    var taskType: [String] = []

    @Option(help: "When it starts (YYYY-MM-DD or RFC 3339; default: now).")
    var startsAt: String?

    @Option(help: "When it ends (YYYY-MM-DD or RFC 3339; default: when stopped).")
    var endsAt: String?

    @Option(help: "The planned number of assigned cases, for progress.")
    var plannedSample: Int?

    func settings() throws -> ExperimentSettings {
        let parse = { (text: String?, flag: String) throws -> Timestamp? in
            guard let text else { return nil }
            do {
                return try ReportPeriod.parse(text, field: flag)
            } catch {
                throw ValidationError("--\(flag): '\(text)' is not a day (YYYY-MM-DD) or an RFC 3339 timestamp")
            }
        }
        let settings = ExperimentSettings(
            assistant: assistant, holdoutShare: holdoutShare, taskTypes: taskType.isEmpty ? nil : taskType,
            startsAt: try parse(startsAt, "starts-at"), endsAt: try parse(endsAt, "ends-at"),
            plannedSample: plannedSample)
        if let problem = settings.problem {
            // The message names the body's field; the flag is its kebab-case twin.
            throw ValidationError(problem.replacingOccurrences(of: "_", with: "-"))
        }
        return settings
    }

    func validate() throws {
        _ = try settings()
        if name.isEmpty { throw ValidationError("the experiment needs a name") }
    }

    func run() async throws {
        let (name, settings) = (name, try settings())
        let (status, created) = try await options.withStorage { storage, tenant, logger in
            try await storage.experiments.putExperiment(name: name, settings: settings, tenant: tenant, logger: logger)
        }
        print((created ? "started " : "unchanged ") + ExperimentListCommand.line(status, now: .now))
    }
}
