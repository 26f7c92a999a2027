import ArgumentParser
import BatonHTTP

/// How the overview treats a period whose report is not built yet (`baton serve`, `baton demo`).
struct OverviewOptions: ParsableArguments {
    @Option(
        name: .customLong("overview-wait"),
        help:
            "Seconds the overview waits for a period's report before it shows the rollup figures and reloads while the report is built in the background."
    )
    var overviewWait: Double = 0.15

    /// Sets ``ServiceConfiguration/overviewWait``.
    func apply(to configuration: inout ServiceConfiguration) throws {
        guard overviewWait >= 0, overviewWait <= 600 else {
            throw ValidationError("--overview-wait must be from 0 to 600 seconds")
        }
        configuration.overviewWait = .milliseconds(Int64((overviewWait * 1000).rounded()))
    }
}
