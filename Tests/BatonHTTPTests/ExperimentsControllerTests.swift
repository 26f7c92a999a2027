import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("/v1/experiments and /v1/assignments")
struct ExperimentsControllerTests {
    static let body = #"{"assistant": "siem-copilot", "holdout_share": 0.2, "planned_sample": 10}"#

    @Test("PUT starts (201), again is unchanged (200); GET lists and shows counts and progress; stop")
    func lifecycle() async throws {
        try await withTestApplication { client, tokens in
            var response = try await client.send(.put, "/v1/experiments/e1", token: tokens.adminA, body: Self.body)
            #expect(response.status == .created)
            var json = try response.json()
            #expect(json["state"] as? String == "running")
            #expect(json["holdout_share"] as? Double == 0.2)
            #expect(json["task_types"] is NSNull)
            response = try await client.send(.put, "/v1/experiments/e1", token: tokens.adminA, body: Self.body)
            #expect(response.status == .ok)

            for id in ["INC-1", "INC-2", "INC-3", "INC-4", "INC-5"] {
                response = try await client.send(
                    .post, "/v1/assignments", token: tokens.ingestA,
                    body: #"{"workflow_id": "\#(id)", "assistant": "siem-copilot"}"#)
                #expect(response.status == .ok)
                json = try response.json()
                #expect(json["experiment"] as? String == "e1")
                #expect(["use", "holdout"].contains(json["arm"] as? String))
                #expect(json["assigned_at"] is String)
            }
            response = try await client.send(.get, "/v1/experiments/e1", token: tokens.viewerA)
            json = try response.json()
            #expect(json["assigned"] as? Int == 5)
            #expect(json["progress"] as? Double == 0.5)
            let arms = try #require(json["assignments"] as? [String: Int])
            #expect(arms["use", default: 0] + arms["holdout", default: 0] == 5)
            response = try await client.send(.get, "/v1/experiments", token: tokens.viewerA)
            #expect((try response.json()["experiments"] as? [[String: Any]])?.map { $0["name"] as? String } == ["e1"])

            response = try await client.send(.post, "/v1/experiments/e1/stop", token: tokens.adminA)
            #expect(response.status == .ok)
            #expect(try response.json()["state"] as? String == "stopped")
            response = try await client.send(.post, "/v1/experiments/e1/stop", token: tokens.adminA)
            #expect(response.status == .conflict)
            #expect(response.errorMessage?.contains("e1") == true)
            response = try await client.send(.post, "/v1/experiments/nope/stop", token: tokens.adminA)
            #expect(response.status == .notFound)
            response = try await client.send(.get, "/v1/experiments/nope", token: tokens.viewerA)
            #expect(response.status == .notFound)

            // Stopped: use, nothing recorded.
            response = try await client.send(
                .post, "/v1/assignments", token: tokens.ingestA,
                body: #"{"workflow_id": "INC-9", "assistant": "siem-copilot"}"#)
            json = try response.json()
            #expect(json["arm"] as? String == "use")
            #expect(json["experiment"] is NSNull)
            #expect(json["assigned_at"] is NSNull)
        }
    }

    @Test("409 for a changed share or assistant of a running experiment and a second one per assistant; 422 share")
    func conflictsAndValidation() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(.put, "/v1/experiments/e1", token: tokens.adminA, body: Self.body)
            var response = try await client.send(
                .put, "/v1/experiments/e1", token: tokens.adminA,
                body: #"{"assistant": "siem-copilot", "holdout_share": 0.3, "planned_sample": 10}"#)
            #expect(response.status == .conflict)
            #expect(response.errorMessage?.contains("holdout_share") == true)
            response = try await client.send(
                .put, "/v1/experiments/e1", token: tokens.adminA,
                body: #"{"assistant": "edr-agent", "holdout_share": 0.2, "planned_sample": 10}"#)
            #expect(response.status == .conflict)
            #expect(response.errorMessage?.contains("assistant") == true)
            response = try await client.send(.put, "/v1/experiments/e2", token: tokens.adminA, body: Self.body)
            #expect(response.status == .conflict)
            #expect(response.errorCode == "assistant_has_experiment")
            for share in ["0.6", "0.01", "-1", "\"0.2\""] {
                response = try await client.send(
                    .put, "/v1/experiments/e3", token: tokens.adminA,
                    body: #"{"assistant": "x", "holdout_share": \#(share)}"#)
                #expect(response.status == .unprocessableContent, "share \(share)")
                #expect(response.errorMessage?.contains("holdout_share") == true)
            }
            response = try await client.send(.put, "/v1/experiments/e3", token: tokens.adminA, body: "[1]")
            #expect(response.status == .badRequest)
        }
    }

    @Test("roles: viewers cannot assign or start, ingest cannot start or stop; admins may assign")
    func roles() async throws {
        try await withTestApplication { client, tokens in
            let ask = #"{"workflow_id": "INC-1", "assistant": "siem-copilot"}"#
            var response = try await client.send(.put, "/v1/experiments/e1", token: tokens.viewerA, body: Self.body)
            #expect(response.status == .forbidden)
            response = try await client.send(.put, "/v1/experiments/e1", token: tokens.ingestA, body: Self.body)
            #expect(response.status == .forbidden)
            response = try await client.send(.put, "/v1/experiments/e1", token: tokens.analystA, body: Self.body)
            #expect(response.status == .forbidden)
            response = try await client.send(.post, "/v1/assignments", token: tokens.viewerA, body: ask)
            #expect(response.status == .forbidden)
            response = try await client.send(.post, "/v1/assignments", token: nil, body: ask)
            #expect(response.status == .unauthorized)
            response = try await client.send(.put, "/v1/experiments/e1", token: tokens.adminA, body: Self.body)
            #expect(response.status == .created)
            response = try await client.send(.post, "/v1/experiments/e1/stop", token: tokens.ingestA)
            #expect(response.status == .forbidden)
            response = try await client.send(.get, "/v1/experiments", token: tokens.ingestA)
            #expect(response.status == .forbidden)
            response = try await client.send(.get, "/v1/experiments", token: tokens.analystA)
            #expect(response.status == .ok)
            response = try await client.send(.post, "/v1/assignments", token: tokens.adminA, body: ask)
            #expect(response.status == .ok)
        }
    }

    @Test("the batch form answers in order as single asks do; over 1,000 is refused naming the limit")
    func batch() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(.put, "/v1/experiments/e1", token: tokens.adminA, body: Self.body)
            let ids = (1...50).map { "INC-\($0)" }
            let items =
                ids.map { #"{"workflow_id": "\#($0)", "assistant": "siem-copilot"}"# }
                + [#"{"workflow_id": "INC-1", "assistant": "other"}"#]
            var response = try await client.send(
                .post, "/v1/assignments", token: tokens.ingestA,
                body: #"{"assignments": [\#(items.joined(separator: ","))]}"#)
            #expect(response.status == .ok)
            let answers = try #require(try response.json()["assignments"] as? [[String: Any]])
            #expect(answers.count == 51)
            #expect(answers.prefix(50).map { $0["workflow_id"] as? String } == ids)
            #expect(answers[50]["arm"] as? String == "use" && answers[50]["experiment"] is NSNull)
            for (index, id) in ids.enumerated().prefix(10) {
                let single = try await client.send(
                    .post, "/v1/assignments", token: tokens.ingestA,
                    body: #"{"workflow_id": "\#(id)", "assistant": "siem-copilot"}"#
                ).json()
                #expect(single["arm"] as? String == answers[index]["arm"] as? String)
                #expect(single["assigned_at"] as? String == answers[index]["assigned_at"] as? String)
            }
            let tooMany = (0...1000).map { #"{"workflow_id": "x\#($0)", "assistant": "siem-copilot"}"# }
            response = try await client.send(
                .post, "/v1/assignments", token: tokens.ingestA,
                body: #"{"assignments": [\#(tooMany.joined(separator: ","))]}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("1000") == true)
            response = try await client.send(
                .post, "/v1/assignments", token: tokens.ingestA, body: #"{"assignments": [{"workflow_id": "x"}]}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("assignments[0]") == true)
            #expect(response.errorMessage?.contains("'assistant'") == true)
        }
    }
}
