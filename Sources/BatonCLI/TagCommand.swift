import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton tag HANDOFF --reason R --note N`: tags one handoff from a terminal, with the same rules
/// as `POST /v1/handoffs/{id}/tags`.
struct TagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Tag why a handoff was slow (the handoff id is the task it went to).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tenant (default: the only tenant with data, else 'default').")
    var tenant: String?

    @Argument(help: "The handoff's id, as `baton handoffs` lists it.")
    var handoff: String

    @Option(help: "Why it was slow: \(TagRequest.allowedReasons).")
    var reason: String

    @Option(help: "A note for whoever fixes it.")
    var note: String?

    func validate() throws {
        do {
            _ = try TagRequest(reason: reason, note: note)
        } catch {
            throw ValidationError("--\(error.field): \(error.message)")
        }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        let request = try TagRequest(reason: reason, note: note)
        let database = try options.database(logger: logger)
        let (explicitTenant, id) = (tenant, handoff)
        let tagger = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
        let stored = try await StorageSession.with(database, logger: logger) { storage in
            let tenant = try await storage.tenants.tenant(explicitTenant, logger: logger)
            return try await storage.handoffs.tagHandoff(
                id: id, reason: request.reason, note: request.note, tenant: tenant, by: tagger, logger: logger)
        }
        guard let stored else {
            throw CLIError("no handoff '\(id)': list them with `baton handoffs`")
        }
        print("tagged \(id): \(stored.reason.rawValue) at \(stored.taggedAt.rfc3339)")
    }
}
