import BatonHTTP
import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("POST /v1/events")
struct EventsControllerTests {
    @Test("the contract's example records are stored, then are duplicates; their handoffs are readable")
    func contractExample() async throws {
        try await withTestApplication { client, tokens in
            var response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            #expect(response.status == .ok)
            var json = try response.json()
            #expect(json["accepted"] as? Int == 2)
            #expect(json["duplicates"] as? Int == 0)
            #expect((json["rejected"] as? [Any])?.isEmpty == true)

            response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            json = try response.json()
            #expect(json["accepted"] as? Int == 0)
            #expect(json["duplicates"] as? Int == 2)

            response = try await client.send(.get, "/v1/workflows/INC-1042", token: tokens.viewerA)
            #expect(response.status == .ok)
            json = try response.json()
            #expect(json["workflow_id"] as? String == "INC-1042")
            let handoffs = try #require(json["handoffs"] as? [[String: Any]])
            #expect(handoffs.count == 1)
            #expect(handoffs.first?["kind"] as? String == "intake")
            #expect(handoffs.first?["wait_seconds"] as? Double == 240)
            let metrics = try #require(json["metrics"] as? [String: Any])
            #expect(metrics["lead_seconds"] as? Double == 16_200)
            #expect(metrics["touch_seconds"] as? Double == 330)
            #expect(metrics["closure_seconds"] as? Double == Double(16_200 - 240 - 330))
        }
    }

    @Test("a JSON array and a {\"records\": [...]} object are both accepted")
    func jsonShapes() async throws {
        try await withTestApplication { client, tokens in
            let lines = Fixtures.contractExampleNDJSON.split(separator: "\n").joined(separator: ",")
            var response = try await client.send(.post, "/v1/events", token: tokens.ingestA, body: "[\(lines)]")
            #expect(try response.json()["accepted"] as? Int == 2)
            response = try await client.send(
                .post, "/v1/events", token: tokens.ingestB, body: "{\"records\": [\(lines)]}")
            #expect(try response.json()["accepted"] as? Int == 2)
        }
    }

    @Test("each bad record is rejected on its own, naming the field; the good ones are stored")
    func perRecordRejections() async throws {
        let future = "2999-01-01T00:00:00Z"
        let longID = String(repeating: "x", count: 129)
        let base = #""workflow_id": "W1", "task_type": "t", "tool": "siem", "ai_mode": "none""#
        let batch = [
            #"{"type": "task", "id": "ok-1", \#(base), "started_at": "2026-03-02T10:00:00Z"}"#,
            #"{"type": "alert", "id": "a"}"#,
            #"{"type": "task", "id": "t1", "workflow_id": "W1", "tool": "siem", "ai_mode": "none", "started_at": "2026-03-02T10:00:00Z"}"#,
            #"{"type": "workflow", "workflow_id": "W2", "opened_at": "2026-03-02T10:00:00Z", "severity": "urgent"}"#,
            #"{"type": "task", "id": "t2", \#(base), "started_at": "2026-03-02T10:00:00Z", "ended_at": "2026-03-02T09:00:00Z"}"#,
            #"{"type": "task", "id": "t3", \#(base), "started_at": "yesterday"}"#,
            #"{"type": "task", "id": "t4", \#(base), "started_at": "\#(future)"}"#,
            #"{"type": "task", "id": "\#(longID)", \#(base), "started_at": "2026-03-02T10:00:00Z"}"#,
            #"{"type": "task", "id": "t5", "workflow_id": "W1", "task_type": "t", "tool": "siem", "ai_mode": "assisted", "started_at": "2026-03-02T10:00:00Z"}"#,
            #"{"type": "task", "id": "t6", "workflow_id": "W1", "task_type": "t", "tool": "siem", "ai_mode": "sometimes", "started_at": "2026-03-02T10:00:00Z"}"#,
        ]
        try await withTestApplication { client, tokens in
            let response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: batch.joined(separator: "\n"))
            #expect(response.status == .ok)
            let json = try response.json()
            #expect(json["accepted"] as? Int == 1)
            let rejected = try #require(json["rejected"] as? [[String: Any]])
            let byIndex = Dictionary(
                uniqueKeysWithValues: rejected.map { ($0["index"] as? Int ?? -1, $0["error"] as? String ?? "") })
            #expect(byIndex.keys.sorted() == Array(1...9))
            #expect(byIndex[1]?.contains("'type'") == true)
            #expect(byIndex[1]?.contains("workflow, task") == true)
            #expect(byIndex[2]?.contains("missing required field 'task_type'") == true)
            #expect(byIndex[3]?.contains("'severity'") == true)
            #expect(byIndex[3]?.contains("low, medium, high, critical") == true)
            #expect(byIndex[4]?.contains("'ended_at'") == true)
            #expect(byIndex[5]?.contains("'started_at'") == true)
            #expect(byIndex[5]?.contains("RFC 3339") == true)
            #expect(byIndex[6]?.contains("in the future") == true)
            #expect(byIndex[7]?.contains("'id' is longer than 128") == true)
            #expect(byIndex[8]?.contains("'assistant'") == true)
            #expect(byIndex[9]?.contains("none, assisted, autonomous") == true)
            // The rejection carries the record's id where it had a readable one.
            #expect(rejected.first { $0["index"] as? Int == 2 }?["id"] as? String == "t1")
            #expect(rejected.first { $0["index"] as? Int == 7 }?["id"] is NSNull)

            let stored = try await client.send(.get, "/v1/workflows/W1", token: tokens.viewerA)
            let tasks = try #require(try stored.json()["tasks"] as? [[String: Any]])
            #expect(tasks.map { $0["id"] as? String } == ["ok-1"])
        }
    }

    @Test("status codes: 422 nothing acceptable, 400 not JSON, 415 wrong type, 413 too large")
    func statusCodes() async throws {
        try await withTestApplication(configure: { $0.maxBodyBytes = 2_048 }) { client, tokens in
            var response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, body: #"[{"type": "task"}]"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "no_acceptable_records")
            #expect((try response.json()["rejected"] as? [Any])?.count == 1)

            response = try await client.send(.post, "/v1/events", token: tokens.ingestA, body: "[]")
            #expect(response.status == .unprocessableContent)

            response = try await client.send(.post, "/v1/events", token: tokens.ingestA, body: "this is not json")
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "malformed_body")

            response = try await client.send(.post, "/v1/events", token: tokens.ingestA, body: "")
            #expect(response.status == .badRequest)

            response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "text/plain", body: "[]")
            #expect(response.status == .unsupportedMediaType)

            let big = "[" + String(repeating: " ", count: 4_096) + "]"
            response = try await client.send(.post, "/v1/events", token: tokens.ingestA, body: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "body_too_large")
        }
    }

    @Test("a batch with more records than --max-batch-records is 413 naming the limit, and none of it is stored")
    func batchRecordLimit() async throws {
        try await withTestApplication(configure: { $0.maxBatchRecords = 2 }) { client, tokens in
            let three =
                Fixtures.contractExampleNDJSON + "\n"
                + #"{"type": "workflow", "workflow_id": "INC-7", "opened_at": "2026-03-02T10:00:00Z"}"#
            var response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: three)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "batch_too_large")
            #expect(response.errorMessage?.contains("at most 2") == true)
            response = try await client.send(.get, "/v1/workflows/INC-1042", token: tokens.viewerA)
            #expect(response.status == .notFound)
            response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            #expect(response.status == .ok)
        }
    }

    @Test("authentication and roles: 401 without a valid token, 403 with the wrong role")
    func authentication() async throws {
        try await withTestApplication { client, tokens in
            let body = Fixtures.contractExampleNDJSON
            var response = try await client.send(.post, "/v1/events", token: nil, body: body)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(response.errorCode == "unauthorized")

            response = try await client.send(.post, "/v1/events", token: "btn_forged_token", body: body)
            #expect(response.status == .unauthorized)
            response = try await client.send(.post, "/v1/events", token: tokens.ingestA + "x", body: body)
            #expect(response.status == .unauthorized)

            for token in [tokens.viewerA, tokens.analystA] {
                response = try await client.send(
                    .post, "/v1/events", token: token, contentType: "application/x-ndjson", body: body)
                #expect(response.status == .forbidden)
                #expect(response.errorCode == "forbidden")
            }
            response = try await client.send(
                .post, "/v1/events", token: tokens.adminA, contentType: "application/x-ndjson", body: body)
            #expect(response.status == .ok)

            response = try await client.send(.get, "/v1/workflows/INC-1042", token: tokens.ingestA)
            #expect(response.status == .forbidden)
            for token in [tokens.viewerA, tokens.analystA, tokens.adminA] {
                response = try await client.send(.get, "/v1/workflows/INC-1042", token: token)
                #expect(response.status == .ok)
            }
        }
    }

    @Test("tenants: a token writes into and reads from its own tenant only")
    func tenantSeparation() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            var response = try await client.send(.get, "/v1/workflows/INC-1042", token: tokens.viewerB)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")

            response = try await client.send(
                .post, "/v1/events", token: tokens.ingestB, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            #expect(try response.json()["accepted"] as? Int == 2)
            response = try await client.send(.get, "/v1/workflows/INC-1042", token: tokens.viewerB)
            #expect(response.status == .ok)
        }
    }
}

@Suite("Task attributes through the collector")
struct TaskAttributesTests {
    @Test("attributes are stored, shown with the workflow, a resend is a duplicate and a change an update")
    func roundTrip() async throws {
        try await withTestApplication { client, tokens in
            let line = { (tokens: Int) in
                #"{"type": "task", "id": "t-1", "workflow_id": "WF-1", "task_type": "alert-triage", "tool": "siem", "ai_mode": "autonomous", "assistant": "siem-agent", "started_at": "2026-03-02T10:00:00Z", "ended_at": "2026-03-02T10:05:00Z", "attributes": {"gen_ai.usage.input_tokens": \#(tokens), "gen_ai.provider.name": "openai"}}"#
            }
            var response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: line(1200))
            #expect(try response.json()["accepted"] as? Int == 1)
            response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: line(1200))
            #expect(try response.json()["duplicates"] as? Int == 1)
            response = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: line(1300))
            #expect(try response.json()["accepted"] as? Int == 1)
            let workflow = try await client.send(.get, "/v1/workflows/WF-1", token: tokens.viewerA).json()
            let task = try #require((workflow["tasks"] as? [[String: Any]])?.first)
            let attributes = try #require(task["attributes"] as? [String: Any])
            #expect(attributes["gen_ai.usage.input_tokens"] as? Int == 1300)
            #expect(attributes["gen_ai.provider.name"] as? String == "openai")
        }
    }
}
