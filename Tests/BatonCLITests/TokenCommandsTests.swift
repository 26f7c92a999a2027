import ArgumentParser
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonCLI

@Suite("baton token create, list and revoke against PostgreSQL")
struct TokenCommandsTests {
    @Test("expired and revoked tokens stop working; the list shows states and never a secret")
    func lifecycle() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            let live = try await storage.tokens.createToken(
                tenant: "soc-a", role: .viewer, label: "grafana", logger: logger)
            let expired = try await storage.tokens.createToken(
                tenant: "soc-a", role: .ingest, label: nil, expiresAt: Timestamp.now.adding(microseconds: -1_000_000),
                logger: logger)
            let later = try await storage.tokens.createToken(
                tenant: "soc-b", role: .admin, label: nil, expiresAt: Timestamp.now.adding(microseconds: 3_600_000_000),
                logger: logger)
            #expect(try await storage.tokens.authenticate(token: live.secret, logger: logger) != nil)
            #expect(try await storage.tokens.authenticate(token: expired.secret, logger: logger) == nil)
            #expect(try await storage.tokens.authenticate(token: later.secret, logger: logger) != nil)

            // Revoking needs the right tenant when one is named, and works once.
            #expect(try await storage.tokens.revokeToken(id: live.tokenID, tenant: "soc-b", logger: logger) == false)
            #expect(try await storage.tokens.revokeToken(id: live.tokenID, tenant: "soc-a", logger: logger))
            #expect(try await storage.tokens.revokeToken(id: live.tokenID, tenant: nil, logger: logger) == false)
            #expect(try await storage.tokens.authenticate(token: live.secret, logger: logger) == nil)

            let all = try await storage.tokens.tokens(tenant: nil, logger: logger)
            #expect(all.count == 3)
            let soc = try await storage.tokens.tokens(tenant: "soc-a", logger: logger)
            #expect(Set(soc.map(\.tokenID)) == [live.tokenID, expired.tokenID])
            let table = TokenListCommand.table(all, now: .now)
            #expect(table.contains("revoked") && table.contains("expired") && table.contains("active"))
            #expect(table.contains("grafana"))
            for secret in [live.secret, expired.secret, later.secret] {
                #expect(!table.contains(secret))
                // The random part after `btn_<id>_` (which may itself contain `_`).
                let hidden = String(secret.split(separator: "_", maxSplits: 2).last!)
                #expect(hidden.count >= 40)
                #expect(!table.contains(hidden))
            }
            // The last use is recorded.
            #expect(all.first { $0.tokenID == later.tokenID }?.lastUsedAt != nil)
        }
    }

    @Test("--expires-in takes the duration syntax and refuses nonsense")
    func expiresIn() throws {
        #expect(throws: (any Error).self) {
            try TokenCreateCommand.parseAsRoot(["--tenant", "a", "--role", "viewer", "--expires-in", "soon"])
        }
        #expect(throws: (any Error).self) {
            try TokenCreateCommand.parseAsRoot(["--tenant", "a", "--role", "viewer", "--expires-in", "0"])
        }
        _ = try TokenCreateCommand.parseAsRoot(["--tenant", "a", "--role", "viewer", "--expires-in", "90d"])
    }
}
