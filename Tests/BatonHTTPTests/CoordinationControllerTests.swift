import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("GET /v1/coordination and class_by")
struct CoordinationControllerTests {
    static let ndjson = """
        {"type": "workflow", "workflow_id": "C-1", "opened_at": "2026-03-02T10:00:00Z", "closed_at": "2026-03-02T14:00:00Z", "severity": "high", "category": "phishing"}
        {"type": "task", "id": "c1-a", "workflow_id": "C-1", "task_type": "alert-triage", "stage": "triage", "tool": "siem", "assistant": "siem-x", "ai_mode": "autonomous", "started_at": "2026-03-02T10:05:00Z", "ended_at": "2026-03-02T10:10:00Z"}
        {"type": "task", "id": "c1-b", "workflow_id": "C-1", "task_type": "endpoint-investigation", "stage": "investigation", "tool": "edr", "assistant": "<b>edr&y</b>", "ai_mode": "assisted", "actor": "analyst:ana", "started_at": "2026-03-02T10:40:00Z", "ended_at": "2026-03-02T11:00:00Z", "context_from": "c1-a"}
        {"type": "task", "id": "c1-c", "workflow_id": "C-1", "task_type": "case-summary", "stage": "closure", "tool": "ticketing", "actor": "analyst:bo", "ai_mode": "none", "started_at": "2026-03-02T12:00:00Z", "ended_at": "2026-03-02T12:10:00Z"}
        """

    @Test("the matrix of the caller's tenant, viewers and up; the period is validated")
    func coordination() async throws {
        try await withTestApplication { client, tokens in
            var response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.ndjson)
            #expect(response.status == .ok)
            let ingested = try response.json()
            #expect(ingested["accepted"] as? Int == 4, "\(ingested)")
            response = try await client.send(
                .get, "/v1/coordination?from=2026-03-01&to=2026-03-31", token: tokens.viewerA)
            #expect(response.status == .ok)
            let json = try response.json()
            #expect(json["tenant"] as? String == "soc-a")
            let matrix = try #require(json["coordination"] as? [String: Any])
            let sides = try #require(matrix["sides"] as? [Any])
            #expect(sides.count == 3)
            #expect(sides.last is NSNull)
            let cells = try #require(matrix["cells"] as? [[String: Any]])
            let first = try #require(cells.first { $0["from"] as? String == "siem-x" })
            #expect(first["to"] as? String == "<b>edr&y</b>")
            #expect(first["handoffs"] as? Int == 1)
            #expect(first["links"] as? Int == 1)
            #expect(first["context_carried_share"] as? Double == 1)
            #expect(first["median_wait_minutes"] as? Double == 30)
            #expect(matrix["ai_output_consumed_share"] as? Double == 0.5)
            #expect(matrix["broken_links"] as? Int == 1)

            // The case's own handoffs carry their sides and lineage.
            response = try await client.send(.get, "/v1/workflows/C-1", token: tokens.viewerA)
            let handoffs = try #require((try response.json())["handoffs"] as? [[String: Any]])
            let intoB = try #require(handoffs.first { $0["to_task"] as? String == "c1-b" })
            #expect(intoB["from_side"] as? String == "siem-x")
            #expect(intoB["to_side"] as? String == "<b>edr&y</b>")
            #expect(intoB["producer_task"] as? String == "c1-a")
            #expect(intoB["lineage"] as? String == "linked")
            #expect(intoB["lineage_wait_seconds"] as? Double == 1_800)
            #expect(handoffs.first { $0["to_task"] as? String == "c1-c" }?["to_side"] as? String == "human")

            response = try await client.send(.get, "/v1/coordination", token: tokens.viewerB)
            #expect(response.status == .ok)
            let other = try response.json()
            #expect((other["coordination"] as? [String: Any])?["cells"] as? [Any] != nil)
            #expect(((other["coordination"] as? [String: Any])?["cells"] as? [Any])?.isEmpty == true)
            response = try await client.send(.get, "/v1/coordination", token: tokens.ingestA)
            #expect(response.status == .forbidden)
            response = try await client.send(.get, "/v1/coordination", token: nil)
            #expect(response.status == .unauthorized)
            response = try await client.send(.get, "/v1/coordination?to=soon", token: tokens.viewerA)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("'to'") == true)
        }
    }

    @Test("class_by=assistant names the report's classes and the queue's rows by assistant pair; bad values are 400")
    func classBy() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.ndjson)
            var response = try await client.send(
                .get, "/v1/report?from=2026-03-01&to=2026-03-31&class_by=assistant", token: tokens.viewerA)
            #expect(response.status == .ok)
            var json = try response.json()
            #expect((json["options"] as? [String: Any])?["class_by"] as? String == "assistant")
            let classes = ((json["friction"] as? [String: Any])?["top_classes"] as? [[String: Any]])?
                .compactMap { $0["handoff_class"] as? String }
            #expect(classes?.sorted() == ["<b>edr&y</b>→human", "siem-x→<b>edr&y</b>"])
            #expect((json["coordination"] as? [String: Any])?["cells"] != nil)
            response = try await client.send(.get, "/v1/report?class_by=team", token: tokens.viewerA)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("'class_by'") == true)

            response = try await client.send(
                .get, "/v1/handoffs?from_assistant=siem-x&to_assistant=%3Cb%3Eedr%26y%3C%2Fb%3E&class_by=assistant",
                token: tokens.viewerA)
            #expect(response.status == .ok)
            json = try response.json()
            let rows = try #require(json["handoffs"] as? [[String: Any]])
            #expect(rows.map { $0["id"] as? String } == ["c1-b"])
            #expect(rows.first?["handoff_class"] as? String == "siem-x→<b>edr&y</b>")
            #expect(rows.first?["from_side"] as? String == "siem-x")
            response = try await client.send(.get, "/v1/handoffs?to_assistant=human", token: tokens.viewerA)
            #expect(((try response.json())["handoffs"] as? [[String: Any]])?.map { $0["id"] as? String } == ["c1-c"])
            // The old filter still means either side.
            response = try await client.send(.get, "/v1/handoffs?assistant=siem-x", token: tokens.viewerA)
            #expect(((try response.json())["handoffs"] as? [[String: Any]])?.map { $0["id"] as? String } == ["c1-b"])
            response = try await client.send(.get, "/v1/handoffs?class_by=x", token: tokens.viewerA)
            #expect(response.status == .badRequest)
        }
    }
}
