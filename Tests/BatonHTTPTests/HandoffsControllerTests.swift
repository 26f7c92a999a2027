import BatonCore
import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("GET /v1/handoffs and POST /v1/handoffs/{id}/tags")
struct HandoffsControllerTests {
    /// Six closed workflows, each siem → edr with a wait of (k + 1) × 10 minutes, the odd ones
    /// with the EDR step done by an agent; plus one edr → soar handoff in the last workflow.
    static var records: String {
        var records: [Record] = []
        for k in 0..<6 {
            let id = "WF-\(k)"
            let wait = Double(k + 1) * 10
            records.append(Fixtures.workflow(id, opened: 0, closed: 200))
            records.append(Fixtures.task("\(id)-a", workflow: id, start: 1, end: 5, tool: "siem"))
            records.append(
                Fixtures.task(
                    "\(id)-b", workflow: id, start: 5 + wait, end: 20 + wait, tool: "edr",
                    aiMode: k % 2 == 1 ? .autonomous : .none, assistant: k % 2 == 1 ? "edr-agent" : nil,
                    stage: .investigation))
        }
        records.append(Fixtures.task("WF-5-c", workflow: "WF-5", start: 150, end: 160, tool: "soar", stage: .response))
        return records.map(\.ndjsonLine).joined(separator: "\n")
    }

    static func ids(_ json: [String: Any]) -> [String] {
        (json["handoffs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("largest wait first, filters, and cursor paging that neither skips nor repeats")
    func listing() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.records)
            var response = try await client.send(.get, "/v1/handoffs", token: tokens.viewerA)
            #expect(response.status == .ok)
            var json = try response.json()
            // WF-5's edr→soar handoff waits 150 − 80 = 70 min, longer than its siem→edr wait of 60.
            #expect(Self.ids(json) == ["WF-5-c", "WF-5-b", "WF-4-b", "WF-3-b", "WF-2-b", "WF-1-b", "WF-0-b"])
            let first = try #require((json["handoffs"] as? [[String: Any]])?.first)
            #expect(first["tool_pair"] as? String == "edr→soar")
            let wait = try #require(first["wait_seconds"] as? Double)
            #expect(wait == 4_200, "\(String(describing: first["wait_seconds"]))")
            #expect(first["workflow_id"] as? String == "WF-5")
            #expect(json["next_cursor"] is NSNull)

            response = try await client.send(
                .get, "/v1/handoffs?tool_pair=siem-%3Eedr&min_wait=30m", token: tokens.viewerA)
            #expect(Self.ids(try response.json()) == ["WF-5-b", "WF-4-b", "WF-3-b", "WF-2-b"])
            response = try await client.send(.get, "/v1/handoffs?assistant=edr-agent", token: tokens.viewerA)
            // From or to the agent's work: WF-5-c was handed over from the agent's WF-5-b.
            #expect(Self.ids(try response.json()) == ["WF-5-c", "WF-5-b", "WF-3-b", "WF-1-b"])
            response = try await client.send(.get, "/v1/handoffs?stage=response", token: tokens.viewerA)
            #expect(Self.ids(try response.json()) == ["WF-5-c"])

            // Pages of two: every row exactly once, in order.
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = "/v1/handoffs?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                json = try await client.send(.get, query, token: tokens.viewerA).json()
                seen += Self.ids(json)
                cursor = json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == ["WF-5-c", "WF-5-b", "WF-4-b", "WF-3-b", "WF-2-b", "WF-1-b", "WF-0-b"])
            #expect(pages == 4)

            // Another tenant sees nothing.
            response = try await client.send(.get, "/v1/handoffs", token: tokens.viewerB)
            #expect(Self.ids(try response.json()).isEmpty)
            // Bad parameters name themselves.
            for (query, name) in [
                ("min_wait=soon", "min_wait"), ("limit=0", "limit"), ("stage=lunch", "stage"),
                ("cursor=not-a-cursor", "cursor"), ("tool_pair=siem", "tool_pair"), ("from=yesterday", "from"),
            ] {
                response = try await client.send(.get, "/v1/handoffs?\(query)", token: tokens.viewerA)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.errorMessage?.hasPrefix(name) == true, "\(query): \(response.errorMessage ?? "")")
            }
            response = try await client.send(.get, "/v1/handoffs", token: tokens.ingestA)
            #expect(response.status == .forbidden)
        }
    }

    @Test("analysts tag, viewers cannot; retagging keeps history; unknown reasons are 422 naming the allowed ones")
    func tagging() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.records)
            var response = try await client.send(
                .post, "/v1/handoffs/WF-4-b/tags", token: tokens.viewerA, body: #"{"reason": "queue-wait"}"#)
            #expect(response.status == .forbidden)

            response = try await client.send(
                .post, "/v1/handoffs/WF-4-b/tags", token: tokens.analystA,
                body: #"{"reason": "queue-wait", "note": "sat in the EDR queue over lunch"}"#)
            #expect(response.status == .created)
            #expect(try response.json()["reason"] as? String == "queue-wait")

            response = try await client.send(
                .post, "/v1/handoffs/WF-4-b/tags", token: tokens.analystA, body: #"{"reason": "approval-wait"}"#)
            #expect(response.status == .created)

            response = try await client.send(.get, "/v1/handoffs?tool_pair=siem→edr", token: tokens.viewerA)
            let row = try #require(
                (try response.json()["handoffs"] as? [[String: Any]])?.first { $0["id"] as? String == "WF-4-b" })
            let tag = try #require(row["tag"] as? [String: Any])
            #expect(tag["reason"] as? String == "approval-wait")
            #expect(tag["note"] is NSNull || tag["note"] == nil)
            #expect(row["tag_count"] as? Int == 2)
            #expect(tag["tagged_by"] as? String != nil)

            response = try await client.send(.get, "/v1/handoffs?untagged=true", token: tokens.viewerA)
            #expect(!Self.ids(try response.json()).contains("WF-4-b"))
            #expect(Self.ids(try response.json()).count == 6)

            response = try await client.send(
                .post, "/v1/handoffs/WF-4-b/tags", token: tokens.analystA, body: #"{"reason": "slow-vibes"}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("queue-wait, approval-wait") == true)
            response = try await client.send(
                .post, "/v1/handoffs/WF-4-b/tags", token: tokens.analystA, body: #"{"note": "no reason"}"#)
            #expect(response.status == .unprocessableContent)
            response = try await client.send(.post, "/v1/handoffs/WF-4-b/tags", token: tokens.analystA, body: "[1,")
            #expect(response.status == .badRequest)
            response = try await client.send(
                .post, "/v1/handoffs/NOPE/tags", token: tokens.analystA, body: #"{"reason": "other"}"#)
            #expect(response.status == .notFound)
            // Another tenant's analyst cannot tag A's handoff: to B it does not exist.
            response = try await client.send(
                .post, "/v1/handoffs/WF-4-b/tags", token: tokens.analystB, body: #"{"reason": "other"}"#)
            #expect(response.status == .notFound)

            // The tag is in the report's friction breakdown at once.
            response = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-03-31", token: tokens.viewerA)
            let friction = try #require(try response.json()["friction"] as? [String: Any])
            let classes = try #require(friction["top_classes"] as? [[String: Any]])
            let siemEDR = try #require(classes.first { $0["handoff_class"] as? String == "siem→edr" })
            #expect((siemEDR["tag_reasons"] as? [String: Double])?["approval-wait"] == 50.0 / 60)
            #expect((siemEDR["tag_reasons"] as? [String: Double])?["queue-wait"] == nil)
        }
    }
}
