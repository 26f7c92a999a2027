import BatonCore
import BatonTestSupport
import BatonWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import BatonHTTP

/// A browser's cookies and the CSRF token of the last form it saw.
struct Browser {
    var cookies: [String: String] = [:]

    mutating func take(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let value = pair.count > 1 ? String(pair[1]) : ""
            cookies[String(pair[0])] = value.isEmpty ? nil : value
        }
    }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    static func csrf(_ html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else {
            return nil
        }
        return String(html[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }
}

extension TestClientProtocol {
    func page(_ method: HTTPRequest.Method, _ uri: String, _ browser: inout Browser, form: [(String, String)]? = nil)
        async throws -> TestResponse
    {
        var headers = HTTPFields()
        if !browser.cookies.isEmpty { headers[.cookie] = browser.cookieHeader }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(
                string: form.map { "\($0.0)=\(HTMLForm.encode($0.1))" }.joined(separator: "&"))
        }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body)
        browser.take(response)
        return response
    }

    /// Signs in through the form and returns the browser with its session cookie.
    func signIn(_ token: String) async throws -> Browser {
        var browser = Browser()
        let form = try await page(.get, "/signin", &browser)
        let csrf = try #require(Browser.csrf(String(buffer: form.body)))
        let response = try await page(
            .post, "/signin", &browser, form: [("csrf", csrf), ("token", token), ("next", "/")])
        #expect(response.status == .seeOther)
        return browser
    }
}

enum HTMLForm {
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

@Suite("Web pages: sign-in, sessions, CSRF, escaping, tagging")
struct WebControllerTests {
    static let hostile = #"<script>alert(1)</script>"#
    static let attribute = #""><img src=x onerror=alert(2)>"#

    /// Two closed workflows with hostile ids and an assistant with an attribute-breaking name.
    static var records: String {
        [
            Fixtures.workflow(hostile, closed: 300), Fixtures.workflow("WF-2", closed: 300),
            Fixtures.task("t1", workflow: hostile, start: 1, end: 10, tool: "siem"),
            Fixtures.task(
                "t2", workflow: hostile, start: 70, end: 80, tool: "edr", aiMode: .autonomous, assistant: attribute),
            Fixtures.task("t3", workflow: "WF-2", start: 1, end: 10, tool: "siem"),
            Fixtures.task("t4", workflow: "WF-2", start: 40, end: 50, tool: "edr"),
            Fixtures.task("t5", workflow: "WF-2", start: 60, end: 70, tool: "soar"),
        ].map(\.ndjsonLine).joined(separator: "\n")
    }

    @Test("signing in: CSRF-checked form, bad and ingest tokens refused, HttpOnly SameSite=Strict session cookie")
    func signIn() async throws {
        try await withTestApplication { client, tokens in
            var browser = Browser()
            var response = try await client.page(.get, "/", &browser)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/signin?next=%2F")

            response = try await client.page(.get, "/signin?next=/report", &browser)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(
                response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
            let html = String(buffer: response.body)
            #expect(Browser.csrf(html) != nil)
            #expect(!html.contains("<script"))

            // Without the form's CSRF token nothing happens.
            response = try await client.page(
                .post, "/signin", &browser, form: [("token", tokens.viewerA), ("csrf", "forged")])
            #expect(response.status == .forbidden)
            #expect(browser.cookies["baton_session"] == nil)
            let fresh = try #require(Browser.csrf(String(buffer: response.body)))
            response = try await client.page(
                .post, "/signin", &browser, form: [("token", "btn_nope_nope"), ("csrf", fresh)])
            #expect(response.status == .unauthorized)
            let again = try #require(Browser.csrf(String(buffer: response.body)))
            response = try await client.page(
                .post, "/signin", &browser, form: [("token", tokens.ingestA), ("csrf", again)])
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("role ingest"))

            let last = try #require(Browser.csrf(String(buffer: response.body)))
            response = try await client.page(
                .post, "/signin", &browser, form: [("token", tokens.viewerA), ("csrf", last), ("next", "/report")])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/report")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("baton_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))

            // An open redirect is not possible through `next`.
            var other = Browser()
            let form = try await client.page(.get, "/signin", &other)
            response = try await client.page(
                .post, "/signin", &other,
                form: [
                    ("token", tokens.viewerA), ("csrf", Browser.csrf(String(buffer: form.body)) ?? ""),
                    ("next", "//evil.example/"),
                ])
            #expect(response.headers[.location] == "/")

            response = try await client.page(.get, "/summary", &browser)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("AI value: executive summary"))
            #expect(String(buffer: response.body).contains("aria-current=\"page\">Summary"))
            response = try await client.page(.get, "/report", &browser)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("AI value report"))
            #expect(String(buffer: response.body).contains("estimator: eligible (eligible cases, like with like)"))
            // The reader switches the estimator; the page names the one in use and selects it.
            response = try await client.page(.get, "/report?baseline=prepost", &browser)
            let switched = String(buffer: response.body)
            #expect(switched.contains("estimator: did (difference in differences around the rollout)"))
            #expect(switched.contains("<option value=\"did\" selected>"))
            response = try await client.page(.get, "/report?baseline=magic", &browser)
            #expect(response.status == .badRequest)
            response = try await client.page(.get, "/assets/baton.css", &browser)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")

            // Signing out needs the CSRF token too, and ends the session.
            let pageCSRF = try #require(Browser.csrf(String(buffer: try await client.page(.get, "/", &browser).body)))
            response = try await client.page(.post, "/signout", &browser, form: [("csrf", "forged")])
            #expect(response.status == .forbidden)
            response = try await client.page(.post, "/signout", &browser, form: [("csrf", pageCSRF)])
            #expect(response.status == .seeOther)
            response = try await client.page(.get, "/", &browser)
            #expect(response.status == .seeOther)
        }
    }

    @Test("a one-time sign-in link works once; TLS behind a proxy makes the cookie Secure")
    func oneTimeLink() async throws {
        let sessions = SessionStore()
        try await withTestApplication(sessions: sessions) { client, tokens in
            let code = await sessions.issueCode(token: tokens.viewerA)
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            var response = try await client.execute(uri: "/signin?code=\(code)", method: .get, headers: headers)
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("baton_session=") })
            #expect(cookie.contains("Secure"))
            response = try await client.execute(uri: "/signin?code=\(code)", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("expired or was used"))
        }
    }

    @Test("every user-supplied string is escaped on every page")
    func escaping() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.records)
            try await client.send(
                .post, "/v1/handoffs/t2/tags", token: tokens.analystA,
                body: #"{"reason": "queue-wait", "note": "<script>alert(3)</script>\" onmouseover=\"x"}"#)
            var browser = try await client.signIn(tokens.viewerA)
            let workflowPath = "/workflows/" + HTML.urlComponent(Self.hostile)
            for path in [
                "/?from=2026-03-01&to=2026-03-31", "/report?from=2026-03-01&to=2026-03-31", "/handoffs", workflowPath,
            ] {
                let response = try await client.page(.get, path, &browser)
                #expect(response.status == .ok, "\(path)")
                let html = String(buffer: response.body)
                #expect(!html.contains("<script"), "\(path) contains a raw <script>")
                #expect(!html.contains("<img"), "\(path) contains a raw <img>")
                #expect(!html.contains("onmouseover=\"x"), "\(path) lets a note break out of an attribute")
            }
            let handoffs = String(buffer: try await client.page(.get, "/handoffs", &browser).body)
            #expect(handoffs.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(handoffs.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
            #expect(handoffs.contains("&lt;script&gt;alert(3)&lt;/script&gt;&quot; onmouseover=&quot;x"))
            let timeline = String(buffer: try await client.page(.get, workflowPath, &browser).body)
            #expect(timeline.contains("Workflow &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(timeline.contains("<svg class=\"chart\" id=\"chart-timeline\""))
            let missing = try await client.page(.get, "/workflows/nope", &browser)
            #expect(missing.status == .notFound)
        }
    }

    @Test("tagging from the page: analysts only, CSRF-checked, unknown reasons refused, visible in the report at once")
    func tagging() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.records)
            // A viewer sees the queue without forms and cannot post a tag.
            var viewer = try await client.signIn(tokens.viewerA)
            var html = String(buffer: try await client.page(.get, "/handoffs", &viewer).body)
            #expect(!html.contains("action=\"/handoffs/t2/tag\""))
            let viewerCSRF = try #require(Browser.csrf(html))
            var response = try await client.page(
                .post, "/handoffs/t2/tag", &viewer, form: [("csrf", viewerCSRF), ("reason", "queue-wait")])
            #expect(response.status == .forbidden)

            var analyst = try await client.signIn(tokens.analystA)
            let before = String(
                buffer: try await client.page(.get, "/report?from=2026-03-01&to=2026-03-31", &analyst).body)
            #expect(!before.contains("tool-switch ("))
            html = String(buffer: try await client.page(.get, "/handoffs?untagged=true", &analyst).body)
            #expect(html.contains("action=\"/handoffs/t2/tag\""))
            let csrf = try #require(Browser.csrf(html))
            response = try await client.page(
                .post, "/handoffs/t2/tag", &analyst, form: [("csrf", "forged"), ("reason", "tool-switch")])
            #expect(response.status == .forbidden)
            response = try await client.page(
                .post, "/handoffs/t2/tag", &analyst,
                form: [("csrf", csrf), ("reason", "bored"), ("back", "?untagged=true")])
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("queue-wait, approval-wait"))
            response = try await client.page(
                .post, "/handoffs/t2/tag", &analyst,
                form: [("csrf", csrf), ("reason", "tool-switch"), ("note", "re-keyed"), ("back", "?untagged=true")])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/handoffs?untagged=true&tagged=t2")
            // A hostile `back` cannot send the browser elsewhere.
            response = try await client.page(
                .post, "/handoffs/t4/tag", &analyst,
                form: [("csrf", csrf), ("reason", "other"), ("back", "//evil.example")])
            #expect(response.headers[.location] == "/handoffs?tagged=t4")

            html = String(buffer: try await client.page(.get, "/handoffs?untagged=true&tagged=t2", &analyst).body)
            #expect(html.contains("Tagged t2."))
            #expect(!html.contains("id=\"h-t2\""))
            let stored = try await client.send(.get, "/v1/handoffs?tool_pair=siem-%3Eedr", token: tokens.viewerA).json()
            let row = try #require((stored["handoffs"] as? [[String: Any]])?.first { $0["id"] as? String == "t2" })
            #expect((row["tag"] as? [String: Any])?["reason"] as? String == "tool-switch")
            // The cached report is rebuilt because the data changed.
            let after = String(
                buffer: try await client.page(.get, "/report?from=2026-03-01&to=2026-03-31", &analyst).body)
            #expect(after.contains("tool-switch ("))
        }
    }

    @Test("the queue pages with a cursor link; bad filters get a 400 page")
    func paging() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.records)
            var browser = try await client.signIn(tokens.viewerA)
            let first = String(buffer: try await client.page(.get, "/handoffs?limit=2", &browser).body)
            let link = try #require(
                first.range(of: #"href="/handoffs\?limit=2&amp;cursor=[^"]+""#, options: .regularExpression))
            let next = String(first[link].dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&")
            let second = String(buffer: try await client.page(.get, next, &browser).body)
            let ids = { (html: String) in
                html.components(separatedBy: "<tr id=\"h-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            }
            #expect(ids(first).count == 2)
            #expect(ids(second).count == 1)
            #expect(Set(ids(first)).isDisjoint(with: ids(second)))
            #expect(second.contains("First page"))
            let bad = try await client.page(.get, "/handoffs?min_wait=soon", &browser)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("min_wait"))
        }
    }
}
