import BatonCore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import BatonHTTP

/// `POST /v1/interventions`, `GET /v1/interventions` and the `/interventions` page.
@Suite("Interventions over HTTP and on the web page")
struct InterventionsControllerTests {
    static let body =
        #"{"date": "2026-03-02", "target_kind": "handoff-class", "target": "siem -> edr", "description": "Pre-approve standard containment actions"}"#

    @Test(
        "analysts and admins record, viewers list; a refused field is 422 naming it; the list carries the effect over the period"
    )
    func api() async throws {
        try await withTestApplication { app, tokens in
            let records = [
                Fixtures.workflow("WF-1", opened: 0, closed: 300),
                Fixtures.task("t1", workflow: "WF-1", start: 1, end: 10),
                Fixtures.task("t2", workflow: "WF-1", start: 40, end: 50, tool: "edr"),
            ].map(\.ndjsonLine).joined(separator: "\n")
            try await app.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: records)
            var response = try await app.send(.post, "/v1/interventions", token: tokens.analystA, body: Self.body)
            #expect(response.status == .created)
            var json = try response.json()
            #expect(json["id"] as? Int == 1 && json["target"] as? String == "siem→edr")
            #expect(
                json["target_kind"] as? String == "handoff-class" && json["date"] as? String == "2026-03-02T00:00:00Z")
            #expect(json["created_at"] is String && json["effect"] is NSNull)
            response = try await app.send(
                .post, "/v1/interventions", token: tokens.adminA,
                body:
                    #"{"date": "2026-01-10T09:00:00+01:00", "target_kind": "assistant", "target": "siem-copilot", "description": "Feed its verdicts to an owner"}"#
            )
            #expect(response.status == .created)
            #expect(try response.json()["id"] as? Int == 2)
            for token in [tokens.viewerA, tokens.ingestA] {
                response = try await app.send(.post, "/v1/interventions", token: token, body: Self.body)
                #expect(response.status == .forbidden)
            }
            response = try await app.send(.post, "/v1/interventions", token: nil, body: Self.body)
            #expect(response.status == .unauthorized)
            for (body, field) in [
                (#"{"date": "soon", "target_kind": "assistant", "target": "x", "description": "d"}"#, "'date'"),
                (#"{"date": "2026-03-02", "target_kind": "tool", "target": "x", "description": "d"}"#, "'target_kind'"),
                (
                    #"{"date": "2026-03-02", "target_kind": "assistant-pair", "target": "x", "description": "d"}"#,
                    "'target'"
                ),
                (#"{"date": "2026-03-02", "target_kind": "assistant", "target": "x"}"#, "'description'"),
            ] {
                response = try await app.send(.post, "/v1/interventions", token: tokens.analystA, body: body)
                #expect(response.status == .unprocessableContent && response.errorCode == "invalid_field")
                #expect(response.errorMessage?.contains(field) == true, "\(response.errorMessage ?? "")")
            }
            response = try await app.send(.post, "/v1/interventions", token: tokens.analystA, body: "[1]")
            #expect(response.status == .badRequest)

            response = try await app.send(
                .get, "/v1/interventions?from=2026-02-01&to=2026-04-01", token: tokens.viewerA)
            #expect(response.status == .ok)
            json = try response.json()
            let items = try #require(json["interventions"] as? [[String: Any]])
            // Oldest first; the one dated in the period carries its figures (one case: too few).
            #expect(items.map { $0["id"] as? Int } == [2, 1])
            #expect(items[0]["effect"] is NSNull)
            let effect = try #require(items[1]["effect"] as? [String: Any])
            #expect(effect["verdict"] as? String == "insufficient data" && effect["effect_minutes"] is NSNull)
            #expect(effect["cases_before"] as? Int == 0 && effect["cases_after"] as? Int == 1)
            #expect(json["from"] as? String == "2026-02-01T00:00:00Z")
            // The report carries them too, and the guidance's links.
            let report = try await app.send(.get, "/v1/report?from=2026-02-01&to=2026-04-01", token: tokens.viewerA)
                .json()
            #expect((report["interventions"] as? [[String: Any]])?.map { $0["id"] as? Int } == [2, 1])
            response = try await app.send(.get, "/v1/interventions?from=yesterday", token: tokens.viewerA)
            #expect(response.status == .badRequest)
            // Another tenant sees none of them.
            json = try await app.send(.get, "/v1/interventions", token: tokens.adminB).json()
            #expect((json["interventions"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(
        "the page: the list with figures, the form for analysts only, CSRF checked, text escaped, a refused field shown with what was typed"
    )
    func page() async throws {
        try await withTestApplication { app, tokens in
            var viewer = try await app.signIn(tokens.viewerA)
            var response = try await app.page(.get, "/interventions", &viewer)
            #expect(response.status == .ok)
            var html = String(buffer: response.body)
            #expect(html.contains("No interventions recorded yet") && !html.contains("id=\"intervention-form\""))
            #expect(html.contains("href=\"/interventions\" aria-current=\"page\""))
            // A viewer's own session token does not let it record.
            let viewerCSRF = try #require(Browser.csrf(html))
            response = try await app.page(
                .post, "/interventions", &viewer,
                form: [
                    ("csrf", viewerCSRF), ("date", "2026-03-02"), ("target_kind", "assistant"), ("target", "x"),
                    ("description", "d"),
                ])
            #expect(response.status == .forbidden)

            var analyst = try await app.signIn(tokens.analystA)
            html = String(buffer: try await app.page(.get, "/interventions", &analyst).body)
            #expect(html.contains("id=\"intervention-form\""))
            let csrf = try #require(Browser.csrf(html))
            let hostile = #"<script>alert(1)</script> "><img src=x onerror=alert(2)>"#
            let form = [
                ("date", "2026-03-02"), ("target_kind", "handoff-class"), ("target", "siem→edr"),
                ("description", hostile),
            ]
            response = try await app.page(.post, "/interventions", &analyst, form: [("csrf", "forged")] + form)
            #expect(response.status == .forbidden)
            response = try await app.page(.post, "/interventions", &analyst, form: [("csrf", csrf)] + form)
            #expect(response.status == .seeOther && response.headers[.location] == "/interventions?recorded=1")
            html = String(buffer: try await app.page(.get, "/interventions?recorded=1", &analyst).body)
            #expect(html.contains("Recorded intervention #1."))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
            #expect(!html.contains("<script>") && !html.contains("<img src=x"))
            #expect(html.contains("<strong>siem→edr</strong>"))

            // A refused field: 422, the reason named, the typed text kept (escaped).
            response = try await app.page(
                .post, "/interventions", &analyst,
                form: [
                    ("csrf", csrf), ("date", "next tuesday"), ("target_kind", "assistant"), ("target", "a\"b"),
                    ("description", "kept"),
                ])
            #expect(response.status == .unprocessableContent)
            html = String(buffer: response.body)
            #expect(html.contains("Not recorded: field &#39;date&#39;"))
            #expect(html.contains("value=\"a&quot;b\"") && html.contains(">kept</textarea>"))
            let stored = try await app.send(.get, "/v1/interventions", token: tokens.viewerA).json()
            #expect((stored["interventions"] as? [Any])?.count == 1)
        }
    }
}
