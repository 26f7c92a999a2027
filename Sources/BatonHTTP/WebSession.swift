import Foundation

/// A signed-in browser: the token it signed in with (kept in memory only, so revoking the token
/// ends the session at the next request) and the CSRF token its forms must carry.
struct WebSession: Sendable {
    var id: String
    var token: String
    var csrf: String
    var lastSeen: Date
}
