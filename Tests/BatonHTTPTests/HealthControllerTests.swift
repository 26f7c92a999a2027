import BatonHTTP
import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Health, readiness and unknown routes")
struct HealthControllerTests {
    @Test func healthAndReadiness() async throws {
        try await withTestApplication { client, _ in
            var response = try await client.send(.get, "/healthz", token: nil)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ok")
            response = try await client.send(.get, "/readyz", token: nil)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ready")
        }
    }

    @Test("readiness is false while the schema is not current")
    func notReadyWhenSchemaIsBehind() async throws {
        // A database that the application may not migrate stays not ready.
        try await withFreshDatabase(migrate: false) { endpoint in
            var configuration = ServiceConfiguration()
            configuration.migrateOnStart = false
            let app = try buildApplication(
                configuration: configuration, database: endpoint, logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let response = try await client.send(.get, "/readyz", token: nil)
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(response.errorCode == "unavailable")
            }
        }
    }

    @Test func unknownRouteIsJSON404() async throws {
        try await withTestApplication { client, tokens in
            let response = try await client.send(.get, "/v1/nothing-here", token: tokens.viewerA)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
        }
    }
}

@Suite("Security headers")
struct SecurityHeadersTests {
    @Test("every response, API errors included, carries nosniff, frame denial, a CSP and no referrer")
    func headers() async throws {
        try await withTestApplication { client, tokens in
            for (uri, token) in [
                ("/healthz", nil), ("/v1/report", tokens.viewerA), ("/v1/report", nil), ("/nope", nil),
            ] {
                let response = try await client.send(.get, uri, token: token)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                #expect(
                    response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true
                )
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] != nil)
            }
            // A web page keeps its own, stricter policy.
            let page = try await client.send(.get, "/signin", token: nil)
            #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("style-src 'self'") == true)
        }
    }
}

@Suite("Request rate limit")
struct RateLimitTests {
    @Test("over its budget a token gets 429 with Retry-After; another token is not affected")
    func limited() async throws {
        try await withTestApplication(configure: { $0.requestRateLimit = 0.01 }) { client, tokens in
            var statuses: [Int] = []
            for _ in 0..<4 {
                statuses.append(Int(try await client.send(.get, "/v1/assistants", token: tokens.viewerA).status.code))
            }
            // A budget of one request per 100 s with a burst of one (at least one, twice the rate), then refused.
            #expect(statuses.first == 200)
            #expect(statuses.last == 429)
            let refused = try await client.send(.get, "/v1/assistants", token: tokens.viewerA)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter].flatMap(Int.init) ?? 0 >= 1)
            #expect(refused.errorCode == "rate_limited")
            #expect(try await client.send(.get, "/v1/assistants", token: tokens.viewerB).status == .ok)
            // Health checks are never limited.
            #expect(try await client.send(.get, "/healthz", token: nil).status == .ok)
        }
    }

    @Test("assignments have a budget of their own: asked past the general limit, refused past theirs")
    func assignmentBudget() async throws {
        try await withTestApplication(configure: {
            $0.requestRateLimit = 0.01
            $0.assignmentRateLimit = 0.01
        }) { client, tokens in
            let ask = #"{"workflow_id": "INC-1", "assistant": "siem-copilot"}"#
            // The general budget (one request per 100 s) is spent first.
            // (An ingest token may not read assistants: 403, but the request counts.)
            #expect(try await client.send(.get, "/v1/assistants", token: tokens.ingestA).status == .forbidden)
            #expect(try await client.send(.get, "/v1/assistants", token: tokens.ingestA).status == .tooManyRequests)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                statuses.append(
                    try await client.send(.post, "/v1/assignments", token: tokens.ingestA, body: ask).status)
            }
            // One per 100 s with a burst of one, as above: the first answers, the next wait.
            #expect(statuses == [.ok, .tooManyRequests, .tooManyRequests])
            // Asking spent none of the general budget of another token.
            #expect(try await client.send(.get, "/v1/assistants", token: tokens.viewerA).status == .ok)
        }
    }
}

@Suite("GET /metrics")
struct MetricsTests {
    @Test("Prometheus text: requests by route template and status, records by outcome and rejected field")
    func exposition() async throws {
        try await withTestApplication { client, tokens in
            let batch =
                Fixtures.contractExampleNDJSON + "\n"
                + #"{"type": "task", "id": "x", "workflow_id": "W", "tool": "siem", "ai_mode": "none", "started_at": "2026-03-02T10:00:00Z"}"#
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: batch)
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            try await client.send(.get, "/v1/workflows/INC-1042", token: tokens.viewerA)
            try await client.send(.get, "/v1/workflows/nope", token: tokens.viewerA)
            let response = try await client.send(.get, "/metrics", token: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(#"baton_http_requests_total{method="POST",route="/v1/events",status="200"} 2"#))
            #expect(
                text.contains(#"baton_http_requests_total{method="GET",route="/v1/workflows/{id}",status="404"} 1"#))
            #expect(text.contains(#"baton_records_total{outcome="accepted"} 2"#))
            #expect(text.contains(#"baton_records_total{outcome="duplicate"} 2"#))
            #expect(text.contains(#"baton_records_total{outcome="rejected",field="task_type"} 1"#))
            #expect(text.contains("baton_http_request_duration_seconds_bucket"))
            // Route templates only: no ids, no tenant names.
            #expect(!text.contains("INC-1042") && !text.contains("soc-a"))
        }
    }
}
