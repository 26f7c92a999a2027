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

/// `baton experiment show NAME`: every setting and the assignments per arm.
struct ExperimentShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one experiment: its settings, state and assignments per arm.")

    @OptionGroup var options: TenantStorageOptions

    @Argument(help: "The experiment's name.")
    var name: String

    func run() async throws {
        let name = name
        let status = try await options.withStorage { storage, tenant, logger in
            try await storage.experiments.experiment(named: name, tenant: tenant, logger: logger)
        }
        print(Self.text(status, now: .now), terminator: "")
    }

    static func text(_ status: ExperimentStatus, now: Timestamp) -> String {
        let e = status.experiment
        let rows: [(String, String)] = [
            ("experiment", e.name), ("assistant", e.assistant),
            ("holdout share", ExperimentListCommand.percent(e.holdoutShare)),
            ("task types", e.taskTypes?.joined(separator: ", ") ?? "all"),
            ("state", status.state(at: now)), ("starts", e.startsAt.rfc3339), ("ends", e.endsAt?.rfc3339 ?? "–"),
            ("stopped", e.stoppedAt?.rfc3339 ?? "–"), ("use arm", "\(status.useCount) cases"),
            ("holdout arm", "\(status.holdoutCount) cases"),
            (
                "progress",
                e.plannedSample.map {
                    "\(status.assigned) of \($0) planned (\(ExperimentListCommand.percent(status.progress ?? 0)))"
                } ?? "no planned sample"
            ),
        ]
        return rows.map { "\($0.0):".padding(toLength: 15, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
            + "\n"
    }
}
