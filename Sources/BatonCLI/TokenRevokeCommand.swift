import ArgumentParser
import BatonStore
import Foundation

/// `baton token revoke ID`: the token stops working at once (web sessions made with it end at
/// their next request).
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an API token by its id (as `baton token list` shows it).")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The token's id: the part after `btn_` and before the next `_`.")
    var id: String

    @Option(help: "Only revoke it if it belongs to this tenant.")
    var tenant: String?

    func run() async throws {
        let logger = try options.makeLogger()
        let database = try options.database(logger: logger)
        let (id, tenant) = (self.id, self.tenant)
        let revoked = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.tokens.revokeToken(id: id, tenant: tenant, logger: logger)
        }
        guard revoked else { throw CLIError("no active token '\(id)'\(tenant.map { " in tenant '\($0)'" } ?? "")") }
        print("revoked \(id)")
    }
}
