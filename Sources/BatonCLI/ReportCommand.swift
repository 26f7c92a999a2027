import ArgumentParser
import BatonCore
import BatonReports
import BatonStore
import BatonWeb
import Foundation

/// `baton report`: the value report for a period, as text, JSON or Markdown.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The value report for a period (value-model §3–§6): text, JSON, Markdown or HTML.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, html
        case summaryHTML = "summary-html"
    }

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tenant (default: the only tenant with data, else 'default').")
    var tenant: String?

    @Option(help: "Start of the period, RFC 3339 or YYYY-MM-DD (default: 90 days before --to).")
    var from: String?

    @Option(help: "End of the period, exclusive (default: midnight UTC after the tenant's latest case, else now).")
    var to: String?

    @Option(
        help:
            "text, json, markdown, html (one self-contained page, as /report shows it) or summary-html (the one-page executive summary, as /summary shows it)."
    )
    var format: Format = .text

    @Option(
        help:
            "Estimator of each assistant's effect on the cases it touched: eligible (default; eligible cases like with like), did (difference in differences around the rollout) or untouched (confounded, for comparison). Aliases: concurrent = eligible, prepost = did."
    )
    var baseline: ReportOptions.Baseline = .eligible

    @Option(
        name: .customLong("min-sample"),
        help: "Smallest sample per arm reported as a number (at least \(ReportOptions.minimumSampleFloor)).")
    var minimumSample: Int = 30

    @Option(name: .customLong("hourly-rate"), help: "Price of an analyst hour, to value effort saved (an input).")
    var hourlyRate: Double?

    @Option(
        name: .customLong("net-value-floor"),
        help: "Decisions: reconsider an assistant whose net value's 95% interval lies below this (default 0).")
    var netValueFloor: Double = 0

    @Option(
        name: .customLong("class-by"),
        help: "Name handoff classes by tool pair (tool, the default) or by assistant pair (assistant).")
    var classBy: HandoffClassing = .tool

    @Option(help: "previous (compare with the period just before, of the same length) or none.")
    var compare: Comparison = .previous

    @Option(help: "weekly (each assistant's trend, week by week) or none.")
    var trends: Trends = .weekly

    enum Trends: String, ExpressibleByArgument, CaseIterable {
        case weekly, none
    }

    enum Comparison: String, ExpressibleByArgument, CaseIterable {
        case previous, none
    }

    func validate() throws {
        guard minimumSample >= ReportOptions.minimumSampleFloor else {
            throw ValidationError(
                "--min-sample must be at least \(ReportOptions.minimumSampleFloor): fewer cases cannot support an interval"
            )
        }
        if let hourlyRate, !AmountRange.contains(hourlyRate, maximum: AmountRange.hourlyRate) {
            throw ValidationError("--hourly-rate must be \(AmountRange.requirement(maximum: AmountRange.hourlyRate))")
        }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        // Checked before the database is opened, so a typo fails at once.
        _ = try ReportPeriod.resolve(from: from, to: to)
        let (fromText, toText) = (from, to)
        var reportOptions = ReportOptions()
        reportOptions.baseline = baseline
        reportOptions.minimumSample = minimumSample
        reportOptions.hourlyRate = hourlyRate
        guard netValueFloor.isFinite else { throw ValidationError("--net-value-floor must be a number") }
        reportOptions.netValueFloor = netValueFloor
        reportOptions.weeklyTrends = trends == .weekly
        reportOptions.classBy = classBy
        let database = try options.database(logger: logger)
        let explicitTenant = tenant
        let settings = reportOptions
        let comparePrevious = compare == .previous
        let report = try await StorageSession.with(database, logger: logger) { storage in
            let tenant = try await storage.tenants.tenant(explicitTenant, logger: logger)
            let reports = ReportService(source: storage.reports)
            let period = try await reports.period(from: fromText, to: toText, tenant: tenant, logger: logger)
            return try await reports.report(
                tenant: tenant, period: period, options: settings, comparePrevious: comparePrevious, logger: logger)
        }
        switch format {
        case .text: print(report.text, terminator: "")
        case .markdown: print(report.markdown, terminator: "")
        case .html: print(ReportPage.standalone(report).rendered, terminator: "")
        case .summaryHTML: print(SummaryPage.standalone(report).rendered, terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
