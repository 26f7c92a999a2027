import ArgumentParser
import BatonStore

/// `baton migrate`: applies pending SQL migrations; running it again changes nothing.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the SQL migrations in SQL/ (idempotent).")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let logger = try options.makeLogger()
        let database = try options.database(logger: logger)
        let applied = try await StorageSession.with(database, logger: logger, migrate: false) {
            storage in
            try await storage.maintenance.migrate(logger: logger)
        }
        print(
            applied.isEmpty ? "database is up to date" : "applied: " + applied.joined(separator: ", "))
    }
}
