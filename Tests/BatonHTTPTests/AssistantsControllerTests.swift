import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("/v1/assistants")
struct AssistantsControllerTests {
    @Test("PUT stores metadata (201 then 200); only admins may; GET lists assistants seen in tasks")
    func putAndList() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            var response = try await client.send(.get, "/v1/assistants", token: tokens.viewerA)
            var list = try #require(try response.json()["assistants"] as? [[String: Any]])
            #expect(list.map { $0["name"] as? String } == ["siem-copilot"])
            #expect(list.first?["registered"] as? Bool == false)
            #expect(list.first?["category"] is NSNull)

            let body =
                #"{"tool": "edr", "category": "agent", "archetype": "shaper", "rollout_at": "2026-02-01T00:00:00Z"}"#
            response = try await client.send(.put, "/v1/assistants/edr-agent", token: tokens.analystA, body: body)
            #expect(response.status == .forbidden)
            response = try await client.send(.put, "/v1/assistants/edr-agent", token: tokens.adminA, body: body)
            #expect(response.status == .created)
            #expect(try response.json()["rollout_at"] as? String == "2026-02-01T00:00:00Z")
            response = try await client.send(.put, "/v1/assistants/edr-agent", token: tokens.adminA, body: body)
            #expect(response.status == .ok)

            response = try await client.send(
                .put, "/v1/assistants/siem-copilot", token: tokens.adminA,
                body: #"{"tool": "siem", "category": "off-the-shelf-llm", "archetype": "taker"}"#)
            #expect(response.status == .ok)
            response = try await client.send(.get, "/v1/assistants", token: tokens.viewerA)
            list = try #require(try response.json()["assistants"] as? [[String: Any]])
            #expect(list.map { $0["name"] as? String } == ["edr-agent", "siem-copilot"])
            #expect(list.allSatisfy { $0["registered"] as? Bool == true })
            #expect(list.last?["category"] as? String == "off-the-shelf-llm")

            // Tenant B sees none of it.
            response = try await client.send(.get, "/v1/assistants", token: tokens.viewerB)
            #expect((try response.json()["assistants"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("bad metadata: 422 naming the field and the allowed values; 400 for a body that is not an object")
    func validation() async throws {
        try await withTestApplication { client, tokens in
            var response = try await client.send(
                .put, "/v1/assistants/x", token: tokens.adminA, body: #"{"category": "magic"}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("'category'") == true)
            #expect(
                response.errorMessage?.contains("off-the-shelf-llm, copilot, agent, supervised-ml, custom-llm") == true)

            response = try await client.send(
                .put, "/v1/assistants/x", token: tokens.adminA, body: #"{"rollout_at": "soon"}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("'rollout_at'") == true)

            response = try await client.send(.put, "/v1/assistants/x", token: tokens.adminA, body: "[1, 2]")
            #expect(response.status == .badRequest)
        }
    }
}
