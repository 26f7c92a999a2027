import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("GET /v1/report")
struct ReportControllerTests {
    @Test("the report of the caller's tenant, with schema_version; viewers only; bad parameters are 400")
    func report() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            var response = try await client.send(
                .get, "/v1/report?from=2026-03-01&to=2026-03-31", token: tokens.viewerA)
            #expect(response.status == .ok)
            var json = try response.json()
            #expect(json["schema_version"] as? Int == 2)
            #expect((json["options"] as? [String: Any])?["baseline"] as? String == "eligible")
            #expect(json["tenant"] as? String == "soc-a")
            let samples = try #require(json["samples"] as? [String: Any])
            #expect(samples["closed_workflows"] as? Int == 1)
            let assistants = try #require(json["assistants"] as? [[String: Any]])
            #expect(assistants.map { $0["name"] as? String } == ["siem-copilot"])
            let speedups = try #require(assistants.first?["task_speedups"] as? [[String: Any]])
            #expect((speedups.first?["speedup"] as? [String: Any])?["status"] as? String == "insufficient data")
            #expect(assistants.first?["measured_rating"] as? String == "insufficient data")

            // Tenant B sees an empty report, not A's data.
            response = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-03-31", token: tokens.viewerB)
            json = try response.json()
            #expect((json["samples"] as? [String: Any])?["closed_workflows"] as? Int == 0)

            response = try await client.send(.get, "/v1/report", token: tokens.ingestA)
            #expect(response.status == .forbidden)
            response = try await client.send(.get, "/v1/report?from=yesterday", token: tokens.viewerA)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("'from'") == true)
            response = try await client.send(.get, "/v1/report?baseline=magic", token: tokens.viewerA)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("'baseline' must be one of eligible, did, untouched") == true)
            // Every estimator by name, and the first version's names as aliases.
            for (name, applied) in [
                ("eligible", "eligible"), ("did", "did"), ("untouched", "untouched"), ("concurrent", "eligible"),
                ("prepost", "did"),
            ] {
                response = try await client.send(
                    .get, "/v1/report?from=2026-03-01&to=2026-03-31&baseline=\(name)", token: tokens.viewerA)
                #expect(response.status == .ok, "\(name)")
                json = try response.json()
                #expect((json["options"] as? [String: Any])?["baseline"] as? String == applied, "\(name)")
            }
            // value-model §5: a minimum sample below 10 is refused, naming the parameter.
            // Compared with the period before only when asked; anything but previous or none is refused.
            response = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-03-31", token: tokens.viewerA)
            #expect((try response.json())["comparison"] == nil)
            response = try await client.send(
                .get, "/v1/report?from=2026-03-01&to=2026-03-31&compare=previous", token: tokens.viewerA)
            let comparison = (try response.json())["comparison"] as? [String: Any]
            #expect((comparison?["previous"] as? [String: Any])?["to"] as? String == "2026-03-01T00:00:00Z")
            #expect((comparison?["previous"] as? [String: Any])?["from"] as? String == "2026-01-30T00:00:00Z")
            // Weekly trends only when asked for.
            #expect(
                ((try response.json())["assistants"] as? [[String: Any]])?.allSatisfy { $0["weekly"] == nil } == true)
            response = try await client.send(
                .get, "/v1/report?from=2026-03-01&to=2026-03-31&trends=weekly", token: tokens.viewerA)
            #expect(((try response.json())["options"] as? [String: Any])?["weekly_trends"] as? Bool == true)
            for bad in [
                "min_sample=9", "min_sample=", "min_sample=ten", "baseline=", "compare=", "compare=last",
                "trends=daily",
            ] {
                response = try await client.send(.get, "/v1/report?\(bad)", token: tokens.viewerA)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.errorMessage?.contains("'\(bad.prefix { $0 != "=" })'") == true, "\(bad)")
            }
            response = try await client.send(
                .get, "/v1/report?from=2026-03-01&to=2026-03-31&min_sample=10", token: tokens.viewerA)
            #expect(response.status == .ok)
            #expect(((try response.json())["options"] as? [String: Any])?["minimum_sample"] as? Int == 10)
            response = try await client.send(
                .get, "/v1/report?from=2026-03-31&to=2026-03-01", token: tokens.viewerA)
            #expect(response.status == .badRequest)
        }
    }
}
