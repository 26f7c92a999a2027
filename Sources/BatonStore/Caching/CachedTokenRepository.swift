package import BatonCore
import Crypto
import Foundation
package import Logging

/// A ``TokenRepository`` that remembers successful authentications for a short `lifetime`.
///
/// Authentication runs on every request, before anything else; an assignment
/// (`POST /v1/assignments`) is in the calling tool's critical path, and the lookup was a quarter
/// of PostgreSQL's time per ask. The price: a token revoked by another process (`baton token
/// revoke`, another replica) or expiring keeps working here for at most `lifetime`. A revocation
/// through this repository takes effect at once. Unknown tokens are never remembered, so a
/// client guessing tokens still reaches the database, and a new token works at once.
///
/// Entries are keyed by the token's SHA-256 hash, never the token itself.
package final class CachedTokenRepository: TokenRepository, @unchecked Sendable {
    let base: any TokenRepository
    let lifetime: Duration
    /// Tokens remembered at most; beyond that the expired entries go, then all of them.
    let capacity: Int
    private let clock = ContinuousClock()
    // A lock, not an actor: a lookup is a dictionary read.
    private let lock = NSLock()
    private var entries: [Data: (identity: Identity, until: ContinuousClock.Instant)] = [:]

    package init(base: any TokenRepository, lifetime: Duration, capacity: Int = 10_000) {
        self.base = base
        self.lifetime = lifetime
        self.capacity = capacity
    }

    package func authenticate(token: String, logger: Logger) async throws -> Identity? {
        let key = Data(SHA256.hash(data: Data(token.utf8)))
        let now = clock.now
        if let hit = lock.withLock({ entries[key] }), hit.until > now { return hit.identity }
        guard let identity = try await base.authenticate(token: token, logger: logger) else {
            lock.withLock { _ = entries.removeValue(forKey: key) }
            return nil
        }
        lock.withLock {
            if entries.count >= capacity {
                entries = entries.filter { $0.value.until > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = (identity, now.advanced(by: lifetime))
        }
        return identity
    }

    package func revokeToken(id: String, tenant: String?, logger: Logger) async throws -> Bool {
        let revoked = try await base.revokeToken(id: id, tenant: tenant, logger: logger)
        lock.withLock {
            entries = entries.filter { entry in
                entry.value.identity.tokenID != id || (tenant.map { $0 != entry.value.identity.tenantID } ?? false)
            }
        }
        return revoked
    }

    package func createToken(tenant: String, role: Role, label: String?, expiresAt: Timestamp?, logger: Logger)
        async throws -> IssuedToken
    {
        try await base.createToken(tenant: tenant, role: role, label: label, expiresAt: expiresAt, logger: logger)
    }

    package func activeTokenCount(logger: Logger) async throws -> Int {
        try await base.activeTokenCount(logger: logger)
    }

    package func tokens(tenant: String?, logger: Logger) async throws -> [TokenInfo] {
        try await base.tokens(tenant: tenant, logger: logger)
    }
}
