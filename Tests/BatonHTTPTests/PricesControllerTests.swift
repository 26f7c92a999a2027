import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("/v1/prices and assistant licences (issue 22)")
struct PricesControllerTests {
    static let prices =
        #"{"currency": "USD", "prices": [{"provider": "openai", "model": "gpt-x", "input_per_million": 2, "output_per_million": 8, "effective_from": "2026-01-01"}, {"provider": "openai", "model": "gpt-x", "input_per_million": 1, "output_per_million": 4, "effective_from": "2026-03-16"}]}"#

    @Test("admins replace the price table, viewers read it; bad bodies are 422 naming the field")
    func putAndGet() async throws {
        try await withTestApplication { client, tokens in
            var json = try await client.send(.get, "/v1/prices", token: tokens.viewerA).json()
            #expect(json["currency"] is NSNull)
            #expect((json["prices"] as? [Any])?.isEmpty == true)
            for token in [tokens.viewerA, tokens.analystA, tokens.ingestA] {
                #expect(
                    try await client.send(.put, "/v1/prices", token: token, body: Self.prices).status == .forbidden)
            }
            var response = try await client.send(.put, "/v1/prices", token: tokens.adminA, body: Self.prices)
            #expect(response.status == .ok)
            json = try await client.send(.get, "/v1/prices", token: tokens.viewerA).json()
            #expect(json["currency"] as? String == "USD")
            let rows = try #require(json["prices"] as? [[String: Any]])
            #expect(rows.map { $0["effective_from"] as? String } == ["2026-01-01", "2026-03-16"])
            // Today is after both dates: the later one is in force.
            #expect(rows.map { $0["in_force"] as? Bool } == [false, true])
            #expect(rows.map { $0["output_per_million"] as? Double } == [8, 4])

            for (bad, field) in [
                (#"{"currency": "US", "prices": []}"#, "currency"),
                (#"{"prices": []}"#, "currency"),
                (#"{"currency": "USD"}"#, "prices"),
                (
                    #"{"currency": "USD", "prices": [{"provider": "p", "model": "m", "input_per_million": -1, "output_per_million": 1, "effective_from": "2026-01-01"}]}"#,
                    "input_per_million"
                ),
                (
                    #"{"currency": "USD", "prices": [{"provider": "p", "model": "m", "input_per_million": 1, "output_per_million": 1, "effective_from": "01/01/2026"}]}"#,
                    "effective_from"
                ),
                (#"{"currency": "USD", "prices": [], "extra": 1}"#, "extra"),
            ] {
                response = try await client.send(.put, "/v1/prices", token: tokens.adminA, body: bad)
                #expect(response.status == .unprocessableContent, "\(bad)")
                #expect(response.errorMessage?.contains(field) == true, "\(bad)")
            }
            // Nothing of the refused bodies was stored; an empty table replaces the table.
            json = try await client.send(.get, "/v1/prices", token: tokens.viewerA).json()
            #expect((json["prices"] as? [Any])?.count == 2)
            response = try await client.send(
                .put, "/v1/prices", token: tokens.adminA, body: #"{"currency": "USD", "prices": []}"#)
            #expect(response.status == .ok)
            json = try await client.send(.get, "/v1/prices", token: tokens.viewerA).json()
            #expect((json["prices"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("one currency per tenant: a licence or a price table in another is 422 naming 'currency'")
    func oneCurrency() async throws {
        try await withTestApplication { client, tokens in
            var response = try await client.send(
                .put, "/v1/assistants/bot", token: tokens.adminA,
                body: #"{"monthly_cost": 3100, "currency": "USD", "cost_from": "2026-03-11"}"#)
            #expect(response.status == .created)
            #expect(try response.json()["cost_from"] as? String == "2026-03-11")
            response = try await client.send(
                .put, "/v1/assistants/other", token: tokens.adminA, body: #"{"monthly_cost": 10, "currency": "EUR"}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("field 'currency'") == true)
            #expect(response.errorMessage?.contains("USD") == true)
            response = try await client.send(
                .put, "/v1/prices", token: tokens.adminA, body: Self.prices.replacingOccurrences(of: "USD", with: "EUR")
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("field 'currency'") == true)
            // The only licence may change its own currency; then prices follow it.
            response = try await client.send(
                .put, "/v1/assistants/bot", token: tokens.adminA, body: #"{"monthly_cost": 3100, "currency": "EUR"}"#)
            #expect(response.status == .ok)
            response = try await client.send(
                .put, "/v1/prices", token: tokens.adminA, body: Self.prices.replacingOccurrences(of: "USD", with: "EUR")
            )
            #expect(response.status == .ok)
            // Another tenant has its own currency.
            response = try await client.send(.put, "/v1/prices", token: tokens.adminB, body: Self.prices)
            #expect(response.status == .ok)
            // A viewer cannot set a licence.
            response = try await client.send(
                .put, "/v1/assistants/bot", token: tokens.viewerA, body: #"{"monthly_cost": 1, "currency": "EUR"}"#)
            #expect(response.status == .forbidden)
        }
    }

    /// Period March 2026. Licence 3,100/month from March 11: 3,100 × 21/31 = 2,100. Tokens: March 2,
    /// 1 M in + 0.5 M out at 2/8 = 6; March 20, 2 M in + 1 M out at 1/4 = 6. Two more AI tasks: one
    /// without attributes, one whose count is a string (no count). Total 2,112 over 4 AI tasks, 2
    /// with token counts; one touched case: 2,112 per case.
    @Test("the report's costs from stored token attributes, prices by day and a licence from mid-period")
    func reportCosts() async throws {
        try await withTestApplication { client, tokens in
            let records = """
                {"type": "workflow", "workflow_id": "WF-1", "opened_at": "2026-03-02T09:00:00Z", "closed_at": "2026-03-25T10:00:00Z", "severity": "high", "category": "phishing"}
                {"type": "task", "id": "T-1", "workflow_id": "WF-1", "task_type": "triage", "tool": "siem", "assistant": "bot", "ai_mode": "assisted", "started_at": "2026-03-02T10:00:00Z", "ended_at": "2026-03-02T10:05:00Z", "attributes": {"gen_ai.usage.input_tokens": 1000000, "gen_ai.usage.output_tokens": 500000, "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-x"}}
                {"type": "task", "id": "T-2", "workflow_id": "WF-1", "task_type": "triage", "tool": "siem", "assistant": "bot", "ai_mode": "autonomous", "started_at": "2026-03-20T10:00:00Z", "ended_at": "2026-03-20T10:05:00Z", "attributes": {"gen_ai.usage.prompt_tokens": 2000000, "gen_ai.usage.completion_tokens": 1000000, "gen_ai.system": "openai", "gen_ai.response.model": "gpt-x"}}
                {"type": "task", "id": "T-3", "workflow_id": "WF-1", "task_type": "triage", "tool": "siem", "assistant": "bot", "ai_mode": "assisted", "started_at": "2026-03-21T10:00:00Z", "ended_at": "2026-03-21T10:05:00Z"}
                {"type": "task", "id": "T-4", "workflow_id": "WF-1", "task_type": "triage", "tool": "siem", "assistant": "bot", "ai_mode": "assisted", "started_at": "2026-03-22T10:00:00Z", "ended_at": "2026-03-22T10:05:00Z", "attributes": {"gen_ai.usage.input_tokens": "lots", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-x"}}
                {"type": "task", "id": "T-5", "workflow_id": "WF-1", "task_type": "triage", "tool": "siem", "actor": "analyst:ana", "ai_mode": "none", "started_at": "2026-03-23T10:00:00Z", "ended_at": "2026-03-23T10:05:00Z", "attributes": {"gen_ai.usage.input_tokens": 5000000, "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-x"}}
                """
            var response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: records)
            #expect(response.status == .ok)
            response = try await client.send(
                .put, "/v1/assistants/bot", token: tokens.adminA,
                body: #"{"monthly_cost": 3100, "currency": "USD", "cost_from": "2026-03-11"}"#)
            // The tasks made it known already (unregistered): this registers it.
            #expect(response.status == .ok)
            response = try await client.send(.put, "/v1/prices", token: tokens.adminA, body: Self.prices)
            #expect(response.status == .ok)
            let report = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-04-01", token: tokens.viewerA)
                .json()
            let bot = try #require((report["assistants"] as? [[String: Any]])?.first { $0["name"] as? String == "bot" })
            let cost = try #require(bot["cost"] as? [String: Any])
            func near(_ value: Any?, _ expected: Double) -> Bool {
                (value as? Double).map { abs($0 - expected) < 1e-9 } ?? false
            }
            #expect(cost["currency"] as? String == "USD")
            #expect(near(cost["licence"], 2_100))
            #expect(near(cost["token_spend"], 12))
            #expect(near(cost["total"], 2_112))
            #expect(cost["ai_tasks"] as? Int == 4)
            #expect(cost["ai_tasks_with_tokens"] as? Int == 2)
            #expect(cost["input_tokens"] as? Int == 3_000_000)
            #expect(cost["touched_cases"] as? Int == 1)
            #expect(near(cost["per_touched_case"], 2_112))
            let costs = try #require(report["costs"] as? [String: Any])
            #expect(near(costs["total"], 2_112))
            #expect((costs["per_effort_hour_saved"] as? [String: Any])?["status"] as? String == "no saving measured")
            #expect((costs["net_value"] as? [String: Any])?["status"] as? String == "no hourly rate")
        }
    }
}
