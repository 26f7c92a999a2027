import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton experiment list`: one line per experiment, newest first.
struct ExperimentListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the experiments with their state and assignments per arm.")

    @OptionGroup var options: TenantStorageOptions

    func run() async throws {
        let all = try await options.withStorage { storage, tenant, logger in
            try await storage.experiments.experiments(tenant: tenant, logger: logger)
        }
        if all.isEmpty { print("no experiments: start one with `baton experiment start`") }
        let now = Timestamp.now
        for status in all { print(Self.line(status, now: now)) }
    }

    /// `NAME (assistant X, holdout 20%, running): 120 use, 31 holdout, 15% of 1000 planned`.
    static func line(_ status: ExperimentStatus, now: Timestamp) -> String {
        let e = status.experiment
        var text =
            "\(e.name) (assistant \(e.assistant), holdout \(percent(e.holdoutShare)), \(status.state(at: now))): "
            + "\(status.useCount) use, \(status.holdoutCount) holdout"
        if let planned = e.plannedSample, let progress = status.progress {
            text += ", \(percent(progress)) of \(planned) planned"
        }
        return text
    }

    static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
