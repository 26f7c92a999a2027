import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton experiment show NAME`: every setting and the assignments per arm.
struct ExperimentShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one experiment: its settings, state and assignments per arm.")

    @OptionGroup var experiment: ExperimentArguments

    func run() async throws {
        let status = try await experiment.status { experiments, name, tenant, logger in
            try await experiments.experiment(named: name, tenant: tenant, logger: logger)
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
