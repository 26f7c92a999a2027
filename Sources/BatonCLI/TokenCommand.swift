import ArgumentParser
import BatonCore
import Foundation

/// `baton token create`: API tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [TokenCreateCommand.self])
}

extension Role: ExpressibleByArgument {}

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

    func validate() throws {
        guard TenantID.isValid(tenant) else {
            throw ValidationError("--tenant '\(tenant)': \(TenantID.rule)")
        }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        let database = try options.database(logger: logger)
        let (tenant, role, label) = (self.tenant, self.role, self.label)
        let token = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.createToken(tenant: tenant, role: role, label: label, logger: logger)
        }
        print(token.secret)
        FileHandle.standardError.write(
            Data(
                "token \(token.tokenID) for tenant '\(token.tenantID)', role \(token.role.rawValue): store it now, it is not shown again\n"
                    .utf8))
    }
}
