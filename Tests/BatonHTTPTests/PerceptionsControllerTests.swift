import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("POST /v1/perceptions")
struct PerceptionsControllerTests {
    @Test("analysts record ratings (one or many); the report shows them with the gap; bad fields are 422 naming them")
    func perceptions() async throws {
        try await withTestApplication { client, tokens in
            var response = try await client.send(
                .post, "/v1/perceptions", token: tokens.analystA,
                body:
                    #"{"respondent_role": "analyst", "assistant": "siem-copilot", "rating": "good", "date": "2026-03-02"}"#
            )
            #expect(response.status == .created)
            #expect(try response.json()["recorded"] as? Int == 1)
            response = try await client.send(
                .post, "/v1/perceptions", token: tokens.adminA,
                body: """
                    {"perceptions": [
                      {"respondent_role": "ciso", "assistant": "siem-copilot", "rating": "good", "date": "2026-03-03T10:00:00Z", "note": "fast"},
                      {"respondent_role": "analyst", "assistant": "siem-copilot", "rating": "none", "date": "2026-03-04"}
                    ]}
                    """)
            #expect(try response.json()["recorded"] as? Int == 2)

            // All or nothing: the second rating is bad, so the first is not stored either.
            response = try await client.send(
                .post, "/v1/perceptions", token: tokens.analystA,
                body: """
                    [{"respondent_role": "analyst", "assistant": "siem-copilot", "rating": "excellent", "date": "2026-03-02"},
                     {"respondent_role": "analyst", "assistant": "siem-copilot", "rating": "great", "date": "2026-03-02"}]
                    """)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "invalid_field")
            #expect(response.errorMessage?.hasPrefix("perceptions[1]: field 'rating'") == true)
            response = try await client.send(
                .post, "/v1/perceptions", token: tokens.analystA,
                body: #"{"assistant": "siem-copilot", "rating": "good", "date": "2026-03-02"}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("'respondent_role'") == true)
            response = try await client.send(
                .post, "/v1/perceptions", token: tokens.analystA,
                body: #"{"respondent_role": "x", "assistant": "siem-copilot", "rating": "good", "date": "March"}"#)
            #expect(response.errorMessage?.contains("'date'") == true)
            response = try await client.send(.post, "/v1/perceptions", token: tokens.analystA, body: "not json")
            #expect(response.status == .badRequest)
            response = try await client.send(
                .post, "/v1/perceptions", token: tokens.viewerA,
                body: #"{"respondent_role": "x", "assistant": "a", "rating": "good", "date": "2026-03-02"}"#)
            #expect(response.status == .forbidden)

            // The report: perceived "good" (two of three), measured "insufficient data", so no gap named.
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            response = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-03-31", token: tokens.viewerA)
            let assistants = try #require(try response.json()["assistants"] as? [[String: Any]])
            #expect(assistants.first?["perceived_rating"] as? String == "good")
            #expect(assistants.first?["perceived_responses"] as? Int == 3)
        }
    }
}
