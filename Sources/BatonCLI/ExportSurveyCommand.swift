import ArgumentParser
import BatonCore
import BatonReports
import BatonStore
import Foundation

/// `baton export survey`: the survey CSV, the same file as `GET /v1/export/survey.csv`.
struct ExportSurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "The survey CSV: one row for the SOC and one per assistant, from the value report.",
        discussion: "Columns and their meanings: Docs/export.md. The period defaults as in `baton report`.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions
    @OptionGroup var replica: ReplicaOptions

    @Flag(help: "Replace the SOC's and assistants' names by stable salted pseudonyms and leave out free text.")
    var anonymize = false

    @Flag(
        help:
            "Add the cost columns cost_per_hours_saved and net_value (never with --anonymize: costs are often confidential)."
    )
    var includeCosts = false

    @Option(name: .customLong("hourly-rate"), help: "Price of an analyst hour, for net_value (an input).")
    var hourlyRate: Double?

    func validate() throws {
        if let hourlyRate, !AmountRange.contains(hourlyRate, maximum: AmountRange.hourlyRate) {
            throw ValidationError("--hourly-rate must be \(AmountRange.requirement(maximum: AmountRange.hourlyRate))")
        }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        _ = try ReportPeriod.resolve(from: export.from, to: export.to)
        let (readDatabase, maxLag) = (try replica.endpoint(environment: options.environment), try replica.maxLag())
        let database = try options.database(logger: logger)
        let (export, anonymize, includeCosts) = (self.export, self.anonymize, self.includeCosts)
        let reportOptions = {
            var o = ReportOptions()
            o.hourlyRate = hourlyRate
            return o
        }()
        let csv = try await StorageSession.with(database, replica: readDatabase, maxReplicaLag: maxLag, logger: logger)
        { storage in
            let tenant = try await export.tenant(storage: storage, logger: logger)
            let reports = ReportService(source: storage.repositories.reports)
            let period = try await reports.period(from: export.from, to: export.to, tenant: tenant, logger: logger)
            return try await reports.surveyCSV(
                tenant: tenant, period: period, options: reportOptions, anonymize: anonymize,
                includeCosts: includeCosts,
                logger: logger)
        }
        try await export.withOutput { handle in handle.write(Data(csv.utf8)) }
        if let out = export.out {
            FileHandle.standardError.write(Data("survey written to \(out) (\(csv.utf8.count) bytes)\n".utf8))
        }
    }
}
