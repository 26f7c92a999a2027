import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton token list`: every token with its state and last use, never a secret.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List API tokens (ids, roles, expiry, last use; no secrets).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this tenant's tokens (default: all tenants).")
    var tenant: String?

    func run() async throws {
        let logger = try options.makeLogger()
        let database = try options.database(logger: logger)
        let tenant = self.tenant
        let tokens = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.tokens.tokens(tenant: tenant, logger: logger)
        }
        print(Self.table(tokens, now: .now), terminator: "")
    }

    static func table(_ tokens: [TokenInfo], now: Timestamp) -> String {
        guard !tokens.isEmpty else { return "no tokens\n" }
        func day(_ t: Timestamp?) -> String {
            t.map { String($0.rfc3339.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "–"
        }
        let header = ["token", "tenant", "role", "state", "created", "expires", "last used", "label"]
        let rows = tokens.map {
            [
                $0.tokenID, $0.tenantID, $0.role.rawValue, $0.state(at: now), day($0.createdAt), day($0.expiresAt),
                day($0.lastUsedAt), $0.label ?? "",
            ]
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        return ([header] + rows).map { cells in
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0)
            }
            .joined()
        }.joined(separator: "\n") + "\n"
    }
}
