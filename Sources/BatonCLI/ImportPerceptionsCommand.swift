import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton import perceptions FILE.csv`: perceived-value ratings from a survey spreadsheet.
struct ImportPerceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perceptions",
        abstract: "Load perceived-value ratings from a CSV file (respondent_role,assistant,rating,date).",
        discussion: """
            One rating a row: rating is excellent, good, some or none; date is YYYY-MM-DD or RFC 3339; an \
            optional note column may follow. If any row is bad, every bad row is listed with its number and \
            nothing is stored.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Tenant to load into (created if new).")
    var tenant: String = "default"

    func validate() throws {
        guard TenantID.isValid(tenant) else { throw ValidationError("--tenant '\(tenant)': \(TenantID.rule)") }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let perceptions: [Perception]
        switch PerceptionCSV.parse(bytes: data) {
        case .success(let value): perceptions = value
        case .failure(let rejected):
            let errors = rejected.rows
            for error in errors.prefix(50) { print(error.description) }
            if errors.count > 50 { print("… and \(errors.count - 50) more bad rows") }
            print("nothing stored: \(errors.count) bad row\(errors.count == 1 ? "" : "s")")
            throw ExitCode.failure
        }
        let database = try options.database(logger: logger)
        let tenant = self.tenant
        try await StorageSession.with(database, logger: logger) { storage in
            try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: logger)
            try await storage.ingest.addPerceptions(perceptions, tenant: tenant, logger: logger)
        }
        print("\(perceptions.count) ratings stored for \(Set(perceptions.map(\.assistant)).count) assistants")
    }
}
