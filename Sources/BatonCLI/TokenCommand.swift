import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton token create`: API tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}

struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API token and print it once (only its hash is stored).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tenant the token belongs to (created if new).")
    var tenant: String

    @Option(help: "Role: ingest, analyst, viewer or admin.")
    var role: Role

    @Option(help: "A note to recognise the token by, such as the collector's host.")
    var label: String?

    @Option(
        name: .customLong("expires-in"),
        help: "Lifetime, such as 90d, 12h or 30m (default: no expiry); the token stops working after it.")
    var expiresIn: String?

    func validate() throws {
        guard TenantID.isValid(tenant) else {
            throw ValidationError("--tenant '\(tenant)': \(TenantID.rule)")
        }
        if let expiresIn, (HandoffFilter.duration(expiresIn) ?? 0) <= 0 {
            throw ValidationError("--expires-in '\(expiresIn)': expected a positive duration such as 90d, 12h or 30m")
        }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        let database = try options.database(logger: logger)
        let (tenant, role, label) = (self.tenant, self.role, self.label)
        // The same duration syntax as the handoff filters (`90d`, `12h`, `1h30m`).
        let lifetime = expiresIn.flatMap(HandoffFilter.duration)
        let expiresAt = lifetime.map { Timestamp.now.adding(microseconds: $0) }
        let token = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.tokens.createToken(
                tenant: tenant, role: role, label: label, expiresAt: expiresAt, logger: logger)
        }
        print(token.secret)
        FileHandle.standardError.write(
            Data(
                "token \(token.tokenID) for tenant '\(token.tenantID)', role \(token.role.rawValue): store it now, it is not shown again\n"
                    .utf8))
    }
}
