import BatonCore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Hostile bodies at the collector and the other JSON routes: each gets a clear 4xx that names
/// the problem, nothing that should not be stored is stored, and the server keeps serving.
@Suite("Hostile input")
struct HostileInputTests {
    static let task =
        #"{"type": "task", "id": "t-1", "workflow_id": "WF-1", "task_type": "triage", "tool": "siem", "ai_mode": "none", "started_at": "2026-03-02T10:00:00Z"}"#

    /// (name, body bytes, content type, expected statuses, a word the error must contain)
    static var cases: [(String, [UInt8], String, Set<Int>, String)] {
        func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }
        return [
            ("malformed JSON", utf8(#"[{"type": "task", "id": }]"#), "application/json", [400], "JSON"),
            ("truncated JSON", utf8(String(Self.task.dropLast(10))), "application/json", [400], "JSON"),
            ("deep nesting", utf8(String(repeating: "[", count: 100_000)), "application/json", [400, 413], ""),
            ("huge number", utf8(#"[{"type": "task", "id": 1e400}]"#), "application/json", [400, 422], ""),
            ("NaN", utf8(#"[{"type": "task", "id": NaN}]"#), "application/json", [400], "JSON"),
            (
                "invalid UTF-8", utf8(#"[{"type": "task", "id": ""#) + [0xC3, 0x28] + utf8(#""}]"#), "application/json",
                [400, 422], ""
            ),
            (
                "NUL in a string", utf8(Self.task.replacingOccurrences(of: "\"t-1\"", with: "\"t\\u0000x\"")),
                "application/json", [422], "id"
            ),
            (
                "megabyte string",
                utf8(
                    Self.task.replacingOccurrences(
                        of: "\"triage\"", with: "\"" + String(repeating: "x", count: 1_000_000) + "\"")),
                "application/json", [422], "task_type"
            ),
            ("wrong content type", utf8(Self.task), "text/plain", [415], "content type"),
            (
                "duplicated keys",
                utf8(
                    #"[{"type": "task", "id": "t-1", "id": "t-2", "workflow_id": "WF-1", "task_type": "triage", "tool": "siem", "ai_mode": "none", "started_at": "2026-03-02T10:00:00Z"}]"#
                ), "application/json", [200, 400, 422], ""
            ),
            ("a bare string", utf8(#""hello""#), "application/json", [400, 422], ""),
            ("empty body", [], "application/json", [400, 422], ""),
        ]
    }

    @Test("every hostile body gets a 4xx naming the problem; nothing bad is stored; the server keeps serving")
    func collector() async throws {
        try await withTestApplication { client, tokens in
            for (name, bytes, type, expected, word) in Self.cases {
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(tokens.ingestA)"
                headers[.contentType] = type
                let response = try await client.execute(
                    uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
                let code = Int(response.status.code)
                #expect(expected.contains(code), "\(name): status \(code)")
                #expect(code < 500, "\(name): a server error")
                let text = String(buffer: response.body)
                if !word.isEmpty, !(200..<300).contains(code) {
                    #expect(
                        text.localizedCaseInsensitiveContains(word),
                        "\(name): the error does not name \(word): \(text.prefix(200))")
                }
                // Errors are JSON the client can read.
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) != nil, "\(name): not JSON")
            }
            // Nothing but the one legitimate task (from the duplicated-keys case, if accepted) was stored.
            let handoffs = try await client.send(.get, "/v1/handoffs?limit=500", token: tokens.viewerA).json()
            #expect((handoffs["handoffs"] as? [Any])?.isEmpty == true)
            let workflow = try await client.send(.get, "/v1/workflows/WF-1", token: tokens.viewerA)
            if workflow.status == .ok {
                let tasks = try workflow.json()["tasks"] as? [[String: Any]] ?? []
                #expect(tasks.count <= 1)
                #expect(tasks.allSatisfy { ($0["task_type"] as? String) == "triage" })
            }

            // SQL-looking and script text is data: stored as sent, returned escaped as JSON, harmless.
            let sneaky = Self.task.replacingOccurrences(of: "\"triage\"", with: #""x'); DROP TABLE tasks; --<script>""#)
            let stored = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/json", body: "[" + sneaky + "]")
            #expect(try stored.json()["accepted"] as? Int == 1)
            let back = try await client.send(.get, "/v1/workflows/WF-1", token: tokens.viewerA).json()
            #expect(
                (back["tasks"] as? [[String: Any]])?.first?["task_type"] as? String
                    == "x'); DROP TABLE tasks; --<script>")

            // Still serving.
            #expect(try await client.send(.get, "/healthz", token: nil).status == .ok)
            #expect(try await client.send(.get, "/v1/report", token: tokens.viewerA).status == .ok)
        }
    }

    @Test("the other JSON routes refuse hostile bodies with a 4xx, never a 5xx")
    func otherRoutes() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON)
            let routes: [(HTTPRequest.Method, String, String)] = [
                (.post, "/v1/handoffs/siem-42/tags", tokens.analystA),
                (.post, "/v1/perceptions", tokens.analystA),
                (.put, "/v1/assistants/siem-copilot", tokens.adminA),
                (.put, "/v1/settings", tokens.adminA),
                (.post, "/v1/traces", tokens.ingestA),
            ]
            let bodies: [(String, [UInt8])] = [
                ("malformed", Array(#"{"reason": "#.utf8)),
                ("deep nesting", Array(String(repeating: "[", count: 100_000).utf8)),
                ("NaN", Array(#"{"reason": NaN}"#.utf8)),
                ("invalid UTF-8", Array(#"{"reason": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)),
                (
                    "megabyte string",
                    Array((#"{"reason": "other", "note": ""# + String(repeating: "x", count: 1_000_000) + #""}"#).utf8)
                ),
                ("wrong types", Array(#"{"reason": 42, "note": ["x"], "tool": {"a": 1}, "rating": true}"#.utf8)),
            ]
            for (method, uri, token) in routes {
                for (name, bytes) in bodies {
                    var headers = HTTPFields()
                    headers[.authorization] = "Bearer \(token)"
                    headers[.contentType] = "application/json"
                    let response = try await client.execute(
                        uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
                    let code = Int(response.status.code)
                    // OTLP ignores unknown fields: an object without `resourceSpans` is an empty,
                    // successful export (nothing stored), as the specification says.
                    let allowed = uri == "/v1/traces" ? 200..<500 : 400..<500
                    #expect(allowed.contains(code), "\(method) \(uri) \(name): status \(code)")
                }
            }
            // Nothing was tagged, rated or changed by any of them.
            let handoffs = try await client.send(.get, "/v1/handoffs", token: tokens.viewerA).json()
            #expect((handoffs["handoffs"] as? [[String: Any]])?.allSatisfy { ($0["tag_count"] as? Int) == 0 } ?? true)
            #expect(try await client.send(.get, "/healthz", token: nil).status == .ok)
        }
    }
}
