import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@Suite("Token authentication remembered for a short time, on PostgreSQL")
struct CachedTokenRepositoryTests {
    let logger = TestDatabase.logger

    @Test("a token revoked by another process works here until the lifetime ends, then not")
    func revokedElsewhere() async throws {
        try await withFreshStorage { storage in
            let cached = CachedTokenRepository(base: storage.tokens, lifetime: .seconds(3))
            let issued = try await storage.tokens.createToken(
                tenant: "soc-a", role: .ingest, label: nil, logger: logger)
            let identity = try await cached.authenticate(token: issued.secret, logger: logger)
            #expect(identity?.tenantID == "soc-a" && identity?.role == .ingest)
            // Another process revokes it: straight through the database, not through this cache.
            #expect(try await storage.tokens.revokeToken(id: issued.tokenID, tenant: nil, logger: logger))
            #expect(try await storage.tokens.authenticate(token: issued.secret, logger: logger) == nil)
            #expect(try await cached.authenticate(token: issued.secret, logger: logger) == identity)
            try await Task.sleep(for: .milliseconds(3_200))
            #expect(try await cached.authenticate(token: issued.secret, logger: logger) == nil)
        }
    }

    @Test("a revocation through the cache takes effect at once; unknown tokens are never remembered")
    func revokedHere() async throws {
        try await withFreshStorage { storage in
            let cached = CachedTokenRepository(base: storage.tokens, lifetime: .seconds(60))
            let issued = try await cached.createToken(tenant: "soc-a", role: .admin, label: nil, logger: logger)
            #expect(try await cached.authenticate(token: issued.secret, logger: logger) != nil)
            #expect(try await cached.revokeToken(id: issued.tokenID, tenant: "soc-a", logger: logger))
            #expect(try await cached.authenticate(token: issued.secret, logger: logger) == nil)
            // A token unknown at first and created afterwards works at once: the miss was not kept.
            let other = try await storage.tokens.createToken(tenant: "soc-b", role: .viewer, label: nil, logger: logger)
            let guessed = other.secret.dropLast() + "x"
            #expect(try await cached.authenticate(token: String(guessed), logger: logger) == nil)
            #expect(try await cached.authenticate(token: other.secret, logger: logger)?.tenantID == "soc-b")
        }
    }

    @Test("beyond its capacity the cache forgets, and answers stay right")
    func capacity() async throws {
        try await withFreshStorage { storage in
            let cached = CachedTokenRepository(base: storage.tokens, lifetime: .seconds(60), capacity: 3)
            var issued: [IssuedToken] = []
            for k in 0..<5 {
                issued.append(
                    try await storage.tokens.createToken(tenant: "soc-\(k)", role: .ingest, label: nil, logger: logger))
            }
            for _ in 0..<2 {
                for (k, token) in issued.enumerated() {
                    #expect(try await cached.authenticate(token: token.secret, logger: logger)?.tenantID == "soc-\(k)")
                }
            }
            #expect(try await storage.tokens.revokeToken(id: issued[4].tokenID, tenant: nil, logger: logger))
            // Evicted and looked up again, or still remembered: either way within the lifetime the
            // identity is the token's own, never another's.
            #expect(try await cached.authenticate(token: issued[0].secret, logger: logger)?.tenantID == "soc-0")
        }
    }
}
