import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing

@testable import BatonHTTP

/// Tenant B, with its most powerful token and a web session, calls every route of the router
/// aimed at tenant A's objects: nothing of A may come back, and nothing of A may change. The
/// route list comes from the router itself, so a new route without a case here fails the test.
@Suite("Tenant isolation across every route")
struct TenantIsolationTests {
    /// Values only tenant A's data holds. Ids are not among them: B may use the same ids for its
    /// own data, and a 404 may echo the id B asked for.
    static let markers = [
        "cat-secret-a", "actor-secret-a", "triage-secret-a", "note-secret-a", "tool-secret-a", "name-secret-a",
        "tasktype-secret-a", "model-secret-a",
    ]

    static var recordsA: String {
        """
        {"type": "workflow", "workflow_id": "WF-SECRET-A", "opened_at": "2026-03-02T10:00:00Z", "closed_at": "2026-03-02T14:30:00Z", "severity": "high", "category": "cat-secret-a"}
        {"type": "task", "id": "TSA-1", "workflow_id": "WF-SECRET-A", "task_type": "triage-secret-a", "stage": "triage", "tool": "siem", "actor": "actor-secret-a", "assistant": "assistant-secret-a", "ai_mode": "assisted", "started_at": "2026-03-02T10:04:00Z", "ended_at": "2026-03-02T10:09:30Z"}
        {"type": "task", "id": "TSA-2", "workflow_id": "WF-SECRET-A", "task_type": "edr-investigation", "stage": "investigation", "tool": "edr", "actor": "analyst:bo", "ai_mode": "none", "started_at": "2026-03-02T11:00:00Z", "ended_at": "2026-03-02T11:30:00Z", "context_from": "TSA-1"}
        """
    }

    /// How tenant B calls each route: method and path as the router lists them.
    struct Case {
        var uri: String
        var body: String?
        var contentType: String = "application/json"
        var web = false
    }

    static let cases: [String: Case] = [
        "GET /healthz": Case(uri: "/healthz"),
        "GET /readyz": Case(uri: "/readyz"),
        "GET /metrics": Case(uri: "/metrics"),
        "POST /v1/events": Case(
            uri: "/v1/events",
            body:
                #"{"type": "task", "id": "TSA-1", "workflow_id": "WF-SECRET-A", "task_type": "x", "tool": "siem", "ai_mode": "none", "started_at": "2026-03-02T10:04:00Z"}"#,
            contentType: "application/x-ndjson"),
        "PUT /v1/assistants/{name}": Case(uri: "/v1/assistants/assistant-secret-a", body: #"{"tool": "hijacked"}"#),
        "GET /v1/assistants": Case(uri: "/v1/assistants"),
        "GET /v1/settings": Case(uri: "/v1/settings"),
        "PUT /v1/settings": Case(uri: "/v1/settings", body: #"{"display_name": "hijacked"}"#),
        "GET /v1/prices": Case(uri: "/v1/prices"),
        // Another currency than A's: one currency per tenant, not per database.
        "PUT /v1/prices": Case(
            uri: "/v1/prices",
            body:
                #"{"currency": "EUR", "prices": [{"provider": "p", "model": "hijacked", "input_per_million": 9, "output_per_million": 9, "effective_from": "2026-01-01"}]}"#
        ),
        "POST /v1/traces": Case(uri: "/v1/traces", body: #"{"resourceSpans": []}"#),
        "GET /v1/workflows/{id}": Case(uri: "/v1/workflows/WF-SECRET-A"),
        "GET /v1/report": Case(uri: "/v1/report?from=2026-03-01&to=2026-03-31"),
        "GET /v1/coordination": Case(uri: "/v1/coordination?from=2026-03-01&to=2026-03-31"),
        "GET /v1/handoffs": Case(uri: "/v1/handoffs?limit=500"),
        "POST /v1/handoffs/{id}/tags": Case(uri: "/v1/handoffs/TSA-2/tags", body: #"{"reason": "other"}"#),
        "GET /v1/export/survey.csv": Case(uri: "/v1/export/survey.csv?from=2026-03-01&to=2026-03-31"),
        "POST /v1/perceptions": Case(
            uri: "/v1/perceptions",
            body: #"[{"assistant": "assistant-secret-a", "rating": "none", "date": "2026-03-05"}]"#),
        "PUT /v1/experiments/{name}": Case(
            uri: "/v1/experiments/exp-a", body: #"{"assistant": "assistant-secret-a", "holdout_share": 0.5}"#),
        "GET /v1/experiments": Case(uri: "/v1/experiments"),
        "GET /v1/experiments/{name}": Case(uri: "/v1/experiments/exp-a"),
        "POST /v1/experiments/{name}/stop": Case(uri: "/v1/experiments/exp-a/stop"),
        "POST /v1/assignments": Case(
            uri: "/v1/assignments", body: #"{"workflow_id": "WF-SECRET-A", "assistant": "assistant-secret-a"}"#),
        "POST /v1/interventions": Case(
            uri: "/v1/interventions",
            body:
                #"{"date": "2026-03-02", "target_kind": "assistant", "target": "assistant-secret-a", "description": "hijack"}"#
        ),
        "GET /v1/interventions": Case(uri: "/v1/interventions?from=2026-03-01&to=2026-03-31"),
        "GET /interventions": Case(uri: "/interventions?from=2026-03-01&to=2026-03-31", web: true),
        "POST /interventions": Case(
            uri: "/interventions", body: "date=2026-03-02&target_kind=assistant&target=x&description=hijack",
            contentType: "application/x-www-form-urlencoded", web: true),
        "GET /assets/baton.css": Case(uri: "/assets/baton.css", web: true),
        "GET /signin": Case(uri: "/signin", web: true),
        "POST /signin": Case(
            uri: "/signin", body: "token=nope&csrf=x", contentType: "application/x-www-form-urlencoded", web: true),
        "POST /signout": Case(
            uri: "/signout", body: "csrf=x", contentType: "application/x-www-form-urlencoded", web: true),
        "GET /": Case(uri: "/?from=2026-03-01&to=2026-03-31", web: true),
        "GET /report": Case(uri: "/report?from=2026-03-01&to=2026-03-31", web: true),
        "GET /summary": Case(uri: "/summary?from=2026-03-01&to=2026-03-31", web: true),
        "GET /handoffs": Case(uri: "/handoffs?limit=500", web: true),
        "POST /handoffs/{id}/tag": Case(
            uri: "/handoffs/TSA-2/tag", body: "reason=other", contentType: "application/x-www-form-urlencoded",
            web: true),
        "GET /workflows/{id}": Case(uri: "/workflows/WF-SECRET-A", web: true),
        "GET /experiments/{name}": Case(uri: "/experiments/exp-a", web: true),
    ]

    @Test("tenant B learns and changes nothing of tenant A through any route")
    func isolation() async throws {
        let routes = servedRoutes()
        #expect(routes.count >= 20)
        for route in routes where Self.cases[route] == nil {
            Issue.record("route \(route) has no tenant-isolation case: add one")
        }

        try await withTestApplication { app, tokens in
            try await app.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.recordsA)
            try await app.send(
                .post, "/v1/handoffs/TSA-2/tags", token: tokens.analystA,
                body: #"{"reason": "queue-wait", "note": "note-secret-a"}"#)
            try await app.send(
                .put, "/v1/assistants/assistant-secret-a", token: tokens.adminA, body: #"{"tool": "tool-secret-a"}"#)
            try await app.send(.put, "/v1/settings", token: tokens.adminA, body: #"{"display_name": "name-secret-a"}"#)
            try await app.send(
                .put, "/v1/prices", token: tokens.adminA,
                body:
                    #"{"currency": "USD", "prices": [{"provider": "openai", "model": "model-secret-a", "input_per_million": 2, "output_per_million": 8, "effective_from": "2026-01-01"}]}"#
            )
            try await app.send(
                .put, "/v1/experiments/exp-a", token: tokens.adminA,
                body: #"{"assistant": "assistant-secret-a", "holdout_share": 0.2, "task_types": ["tasktype-secret-a"]}"#
            )
            try await app.send(
                .post, "/v1/interventions", token: tokens.analystA,
                body:
                    #"{"date": "2026-03-02T11:00:00Z", "target_kind": "assistant", "target": "assistant-secret-a", "description": "intervention-secret-a"}"#
            )
            let assignment = try await app.send(
                .post, "/v1/assignments", token: tokens.ingestA,
                body: #"{"workflow_id": "WF-SECRET-A", "assistant": "assistant-secret-a"}"#)
            let before = try await app.send(.get, "/v1/workflows/WF-SECRET-A", token: tokens.adminA)
            #expect(before.status == .ok)

            var browser = try await app.signIn(tokens.adminB)
            let csrf = try #require(Browser.csrf(String(buffer: try await app.page(.get, "/handoffs", &browser).body)))
            for route in routes {
                guard let c = Self.cases[route] else { continue }
                let method = HTTPRequest.Method(String(route.split(separator: " ")[0]))!
                let response: TestResponse
                if c.web {
                    var headers = HTTPFields()
                    headers[.cookie] = browser.cookieHeader
                    if c.body != nil { headers[.contentType] = c.contentType }
                    let body = c.body.map {
                        ByteBuffer(string: $0.contains("csrf=") || route.contains("sign") ? $0 : $0 + "&csrf=\(csrf)")
                    }
                    response = try await app.execute(uri: c.uri, method: method, headers: headers, body: body)
                } else {
                    response = try await app.send(
                        method, c.uri, token: tokens.adminB, contentType: c.contentType, body: c.body)
                }
                let text = String(buffer: response.body)
                #expect(response.status.code < 500, "\(route): \(response.status)")
                for marker in Self.markers where text.contains(marker) {
                    Issue.record("\(route) showed tenant A's \(marker) to tenant B")
                }
            }

            // A's data is as it was.
            let after = try await app.send(.get, "/v1/workflows/WF-SECRET-A", token: tokens.adminA)
            #expect(String(buffer: after.body) == String(buffer: before.body))
            let handoffs = try await app.send(.get, "/v1/handoffs", token: tokens.viewerA).json()
            let row = try #require((handoffs["handoffs"] as? [[String: Any]])?.first { $0["id"] as? String == "TSA-2" })
            #expect(row["tag_count"] as? Int == 1)
            let assistants = String(buffer: try await app.send(.get, "/v1/assistants", token: tokens.viewerA).body)
            #expect(!assistants.contains("hijacked"))
            let settings = String(buffer: try await app.send(.get, "/v1/settings", token: tokens.viewerA).body)
            #expect(settings.contains("name-secret-a"))
            let prices = String(buffer: try await app.send(.get, "/v1/prices", token: tokens.viewerA).body)
            #expect(prices.contains("model-secret-a") && prices.contains("USD") && !prices.contains("hijacked"))
            let experiment = try await app.send(.get, "/v1/experiments/exp-a", token: tokens.viewerA).json()
            #expect(experiment["running"] as? Bool == true)
            #expect(experiment["holdout_share"] as? Double == 0.2)
            #expect(experiment["assigned"] as? Int == 1)
            let interventions = try await app.send(
                .get, "/v1/interventions?from=2026-03-01&to=2026-03-31", token: tokens.viewerA
            ).json()
            let stored = try #require(interventions["interventions"] as? [[String: Any]])
            #expect(stored.count == 1 && stored.first?["description"] as? String == "intervention-secret-a")
            let again = try await app.send(
                .post, "/v1/assignments", token: tokens.ingestA,
                body: #"{"workflow_id": "WF-SECRET-A", "assistant": "assistant-secret-a"}"#)
            #expect(String(buffer: again.body) == String(buffer: assignment.body))
        }
    }
}
