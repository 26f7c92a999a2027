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

    @Flag(help: "Replace the SOC's and assistants' names by stable salted pseudonyms and leave out free text.")
    var anonymize = false

    func run() async throws {
        let logger = try options.makeLogger()
        _ = try ReportPeriod.resolve(from: export.from, to: export.to)
        let database = try options.database(logger: logger)
        let (export, anonymize) = (self.export, self.anonymize)
        let csv = try await StorageSession.with(database, logger: logger) { storage in
            let tenant = try await export.tenant(storage: storage, logger: logger)
            let reports = ReportService(source: storage.reports)
            let period = try await reports.period(from: export.from, to: export.to, tenant: tenant, logger: logger)
            return try await reports.surveyCSV(tenant: tenant, period: period, anonymize: anonymize, logger: logger)
        }
        try await export.withOutput { handle in handle.write(Data(csv.utf8)) }
        if let out = export.out {
            FileHandle.standardError.write(Data("survey written to \(out) (\(csv.utf8.count) bytes)\n".utf8))
        }
    }
}
