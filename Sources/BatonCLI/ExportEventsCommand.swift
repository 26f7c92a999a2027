import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton export events`: the event log for process-mining tools, streamed page by page.
struct ExportEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "The event log as XES (IEEE 1849), OCEL 2.0 JSON or a flat CSV.",
        discussion: """
            Workflows opened in [--from, --to) (all of them when not given), read from PostgreSQL a page at \
            a time, so memory stays flat whatever the size. Formats: Docs/export.md.
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions
    @OptionGroup var replica: ReplicaOptions

    @Option(help: "Output format.")
    var format: EventLogFormat

    @Flag(help: "Replace workflow and task ids, actors and assistants with stable pseudonyms and drop free attributes.")
    var anonymize = false

    @Option(name: .customLong("page-size"), help: "Workflows read per query.")
    var pageSize: Int = 1_000

    func validate() throws {
        guard pageSize >= 1 else { throw ValidationError("--page-size must be at least 1") }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        let from = try export.from.map { text throws in try ReportPeriod.parse(text, field: "from") }
        let to = try export.to.map { text throws in try ReportPeriod.parse(text, field: "to") }
        if let from, let to, from >= to { throw ValidationError("--from must be before --to") }
        let (readDatabase, maxLag) = (try replica.endpoint(environment: options.environment), try replica.maxLag())
        let database = try options.database(logger: logger)
        let (export, format, pageSize, anonymize) = (self.export, self.format, self.pageSize, self.anonymize)
        let counts = try await export.withOutput { handle in
            try await StorageSession.with(database, replica: readDatabase, maxReplicaLag: maxLag, logger: logger) {
                storage in
                let tenant = try await export.tenant(storage: storage, logger: logger)
                // The tenant's secret salt, as the anonymised survey uses it.
                let anonymizer =
                    anonymize
                    ? Pseudonymizer(
                        salt: try await storage.reports.surveyContext(
                            tenant: tenant, from: from ?? Timestamp(microseconds: 0), to: to ?? .now, logger: logger
                        ).salt) : nil
                return try await storage.repositories.exports.exportEventLog(
                    format: format, tenant: tenant, from: from, to: to, pageSize: pageSize, anonymizer: anonymizer,
                    logger: logger
                ) { text in handle.write(Data(text.utf8)) }
            }
        }
        FileHandle.standardError.write(
            Data(
                "\(counts.workflows) workflows, \(counts.tasks) tasks exported as \(format.rawValue)\(export.out.map { " to \($0)" } ?? "")\n"
                    .utf8))
    }
}
