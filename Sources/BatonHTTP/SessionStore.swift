package import Foundation

/// Web sessions in memory: a restart signs everyone out, which is acceptable for a single
/// `baton serve` process and keeps tokens out of the database. Idle sessions expire; the store
/// holds at most `capacity` sessions and drops the least recently used beyond that.
package actor SessionStore {
    private var sessions: [String: WebSession] = [:]
    /// One-time sign-in codes (such as the link `baton demo` prints): code → (token, expiry).
    private var codes: [String: (token: String, expires: Date)] = [:]
    let idleTimeout: TimeInterval
    let capacity: Int

    package init(idleTimeout: TimeInterval = 12 * 3_600, capacity: Int = 10_000) {
        self.idleTimeout = idleTimeout
        self.capacity = capacity
    }

    func create(token: String, now: Date = Date()) -> WebSession {
        if sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.lastSeen < $1.lastSeen }) {
            sessions[oldest.id] = nil
        }
        let session = WebSession(id: Self.randomToken(), token: token, csrf: Self.randomToken(), lastSeen: now)
        sessions[session.id] = session
        return session
    }

    /// The live session with this id, its idle clock restarted; `nil` if unknown or expired.
    func session(_ id: String, now: Date = Date()) -> WebSession? {
        guard var session = sessions[id] else { return nil }
        guard now.timeIntervalSince(session.lastSeen) < idleTimeout else {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = now
        sessions[id] = session
        return session
    }

    func remove(_ id: String) { sessions[id] = nil }

    /// A code that signs in once with `token` within `lifetime`; it travels in a URL, so it is
    /// short-lived and single-use and the token itself never does.
    package func issueCode(token: String, lifetime: TimeInterval = 15 * 60, now: Date = Date()) -> String {
        codes = codes.filter { $0.value.expires > now }
        let code = Self.randomToken()
        codes[code] = (token, now.addingTimeInterval(lifetime))
        return code
    }

    /// The token behind a code, which is used up; `nil` if unknown or expired.
    func redeem(code: String, now: Date = Date()) -> String? {
        guard let entry = codes.removeValue(forKey: code), entry.expires > now else { return nil }
        return entry.token
    }

    /// 256 random bits, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
