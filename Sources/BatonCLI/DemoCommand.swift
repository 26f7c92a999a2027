import ArgumentParser
import BatonCore
import BatonHTTP
import BatonReports
import BatonSimulation
import BatonStore
import Foundation
import Hummingbird

/// `baton demo`: the zero-configuration tour. Embedded database (or DATABASE_URL), migrations,
/// the default simulated SOC, a headline per assistant, then the service until Ctrl-C.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a simulated SOC, print what its AI is worth, and serve it (zero configuration).")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var simulation: SimulationOptions

    @OptionGroup var overview: OverviewOptions

    @Flag(name: .customLong("no-serve"), help: "Load and print, then exit.")
    var noServe = false

    @Flag(help: "Delete the demo tenant's data and load it again.")
    var reset = false

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (default: $BATON_PORT, else 8080).")
    var port: Int?

    func run() async throws {
        let logger = try options.makeLogger()
        let scenario = try simulation.makeScenario()
        let simulator = SOCSimulator(scenario: scenario, seed: simulation.seed)
        let tenant = scenario.tenants[0].id
        // The simulated period, for the report commands printed below.
        let periodStart = scenario.startTimestamp ?? Timestamp(microseconds: 0)
        let periodEnd = periodStart.adding(microseconds: Int64(scenario.days * 86_400) * 1_000_000)
        let database = try options.database(logger: logger)
        let reset = self.reset
        let clock = ContinuousClock()

        let (report, token, summary) = try await StorageSession.with(database, logger: logger) { storage in
            let existing = try await storage.tenants.workflowCount(tenant: tenant, logger: logger)
            var summary: String
            if existing > 0, !reset {
                summary = "reusing the \(existing) workflows already loaded for \(tenant) (--reset loads them again)"
            } else {
                if existing > 0 { try await storage.tenants.deleteTenantData(tenant: tenant, logger: logger) }
                let started = clock.now
                let loaded = try await SimulationLoader(simulator: simulator, storage: storage, logger: logger).load()
                summary =
                    "loaded \(loaded.workflows) workflows, \(loaded.tasks) tasks, \(loaded.tags) handoff tags and \(loaded.perceptions) value ratings of a simulated SOC in \(SimulateCommand.seconds(clock.now - started))"
                // The rollups at once, so that Grafana's rollup panel has figures before the
                // maintenance service's first pass.
                _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            }
            // The value report over the simulated period, intervals included: the ratings, the
            // headline and the "?" marks stand on them (a point estimate alone would rate nothing).
            let report = try await ReportService(source: storage.reports).report(
                tenant: tenant, period: (periodStart, periodEnd), logger: logger)
            let token = try await storage.tokens.createToken(
                tenant: tenant, role: .admin, label: "demo", logger: logger)
            return (report, token, summary)
        }

        print(summary)
        print("\n" + report.headline)
        print(Self.render(report))
        guard !noServe else { return }

        var configuration = ServiceConfiguration()
        configuration.host = host
        configuration.port = try port ?? options.environmentPort() ?? 8080
        try overview.apply(to: &configuration)
        // A one-time sign-in link, so the browser needs no pasted token; the token itself never
        // travels in a URL.
        let sessions = SessionStore()
        let code = await sessions.issueCode(token: token.secret)
        print(
            """

            Baton is serving \(tenant) on http://\(host):\(configuration.port)/  (Ctrl-C stops it)
            Open in a browser (one-time sign-in link, valid 15 minutes): http://\(host):\(configuration.port)/signin?code=\(code)
            API token (admin, shown once; also signs in at /signin): \(token.secret)
              curl -H 'Authorization: Bearer \(token.secret)' 'http://\(host):\(configuration.port)/v1/report?from=\(periodStart.rfc3339)&to=\(periodEnd.rfc3339)'
              baton report --from \(periodStart.rfc3339) --to \(periodEnd.rfc3339)
            """)
        // Printed before serving starts; flushed so it shows even when stdout is a file or a pipe.
        fflush(nil)
        let app = try buildApplication(
            configuration: configuration, database: database, logger: logger, sessions: sessions)
        try await app.runUntilTerminated(gracePeriod: configuration.shutdownGrace, logger: logger)
    }

    /// Per assistant (and for all AI), the report's main task speedup next to the change per
    /// touched case in lead time, work and waiting (ΔL = ΔA + ΔW): the "fast tasks, slow cases"
    /// picture in a terminal, with the rating that follows.
    static func render(_ report: ValueReport) -> String {
        let rows = (report.assistants + (report.portfolio.map { [$0] } ?? [])).filter { !$0.taskSpeedups.isEmpty }
        guard !rows.isEmpty else { return "no AI-assisted tasks yet" }
        func change(_ e: ValueReport.Estimate?) -> String {
            guard let e, let value = e.value else { return "n/a" }
            return HumanFormat.signedDuration(hours: value) + (e.excludes(0) ? "" : "?")
        }
        var lines = [
            "",
            "assistant                  speedup   per touched case: lead time   work        waiting      rating",
        ]
        for a in rows {
            let speedup = a.mainSpeedup?.speedup.value.map(HumanFormat.factor) ?? "n/a"
            let e = a.workflowEffect
            lines.append(
                a.name.padding(toLength: 27, withPad: " ", startingAt: 0)
                    + speedup.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + change(e?.deltaLeadHours).padding(toLength: 14, withPad: " ", startingAt: 0)
                    + change(e?.deltaTouchHours).padding(toLength: 12, withPad: " ", startingAt: 0)
                    + change(e?.deltaWaitHours).padding(toLength: 13, withPad: " ", startingAt: 0)
                    + a.measuredRating)
        }
        lines.append(
            "(estimator \(report.options.baseline.rawValue): \(report.options.baseline.title); ? = the 95% interval includes 0; `baton report` gives the intervals)"
        )
        return lines.joined(separator: "\n")
    }
}
