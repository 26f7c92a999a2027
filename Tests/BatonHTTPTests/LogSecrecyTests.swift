import BatonCore
import BatonHTTP
import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@Suite("Secrets stay out of the logs")
struct LogSecrecyTests {
    @Test("no token, session id or CSRF token appears in any log line at trace level")
    func noSecretsLogged() async throws {
        let logs = CapturedLogs()
        let sessions = SessionStore()
        try await withTestApplication(sessions: sessions, logger: logs.logger) { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            try await client.send(.get, "/v1/report", token: tokens.viewerA)
            try await client.send(.get, "/v1/report", token: "btn_wrong_guess_1234567890")
            var browser = try await client.signIn(tokens.analystA)
            let page = try await client.page(.get, "/handoffs", &browser)
            let csrf = try #require(Browser.csrf(String(buffer: page.body)))
            try await client.page(
                .post, "/handoffs/siem-42/tag", &browser, form: [("csrf", csrf), ("reason", "other")])
            let code = await sessions.issueCode(token: tokens.viewerA)
            try await client.send(.get, "/signin?code=\(code)", token: nil)

            let session = try #require(browser.cookies["baton_session"])
            // The random part of a token (after `btn_<id>_`) must never appear; its public id may.
            let tokenSecrets = [tokens.ingestA, tokens.viewerA, tokens.analystA, "btn_wrong_guess_1234567890"].map {
                String($0.split(separator: "_", maxSplits: 2).last!)
            }
            let secrets = tokenSecrets + [session, csrf, code]
            #expect(secrets.allSatisfy { $0.count >= 10 })
            let lines = logs.all
            #expect(lines.count > 10, "the capture saw the requests")
            for hidden in secrets {
                for line in lines where line.contains(hidden) {
                    Issue.record("a secret appears in a log line: \(line.prefix(200))")
                }
            }
        }
    }
}
