import BatonCore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationEssentialsCompat
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
                (.post, "/v1/interventions", tokens.analystA),
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

/// The byte-level payloads of issue 26, applied to every route and every field by one test: each
/// gets a 4xx, nothing is stored, and `/metrics` counts no 5xx afterwards.
@Suite("Hostile bytes at every route and field")
struct HostileBytesTests {
    struct Payload: Sendable {
        var name: String
        var bytes: [UInt8]
        /// Free text (a tag's note, a form's free fields) may span lines: CR LF is text there.
        var refusedInFreeText = true
    }

    static let payloads: [Payload] = [
        Payload(name: "NUL", bytes: Array("a".utf8) + [0x00] + Array("b".utf8)),
        Payload(name: "lone surrogate as UTF-8 (ED A0 80)", bytes: Array("a".utf8) + [0xED, 0xA0, 0x80]),
        Payload(name: "overlong '/' (C0 AF)", bytes: Array("a".utf8) + [0xC0, 0xAF]),
        Payload(name: "overlong NUL (C0 80)", bytes: Array("a".utf8) + [0xC0, 0x80]),
        Payload(name: "byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("siem".utf8)),
        Payload(name: "1 MB string", bytes: Array(repeating: UInt8(ascii: "x"), count: 1_000_000)),
        Payload(name: "right-to-left override", bytes: Array("invoice\u{202E}fdp.exe".utf8)),
        Payload(name: "CR LF", bytes: Array("a\r\nX-Injected: 1".utf8), refusedInFreeText: false),
    ]

    /// Every byte but unreserved ones percent-encoded.
    static func percent(_ bytes: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// A JSON string literal whose value is the payload: control bytes escaped (`\u0000`), so the
    /// string decodes to them, other bytes raw, so invalid UTF-8 stays invalid.
    static func jsonString(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            switch byte {
            case 0x22, 0x5C: out += [0x5C, byte]
            case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// A JSON object from members whose values are raw JSON bytes, in order.
    static func object(_ members: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { out += Array(", ".utf8) }
            out += Array("\"\(key)\": ".utf8) + value
        }
        return out + [UInt8(ascii: "}")]
    }

    static func string(_ text: String) -> [UInt8] { Array("\"\(text)\"".utf8) }

    /// A JSON body and the field of it the payload replaces (or adds, as a key or a value).
    struct Body {
        var method: HTTPRequest.Method
        var uri: String
        var contentType: String
        var field: String
        var freeText = false
        var make: @Sendable ([UInt8]) -> [UInt8]
    }

    /// Members of a valid body; the payload replaces one member's value, or becomes a key.
    static func bodies(
        _ method: HTTPRequest.Method, _ uri: String, _ members: [(String, [UInt8])], freeText: Set<String> = [],
        wrap: @escaping @Sendable ([UInt8]) -> [UInt8] = { $0 }, contentType: String = "application/json"
    ) -> [Body] {
        var out = members.map { name, _ in
            Body(
                method: method, uri: uri, contentType: contentType, field: name, freeText: freeText.contains(name)
            ) { payload in wrap(object(members.map { $0.0 == name ? ($0.0, jsonString(payload)) : $0 })) }
        }
        out.append(
            Body(method: method, uri: uri, contentType: contentType, field: "a field name") { payload in
                var bytes = object(members)
                bytes.removeLast()
                return wrap(bytes + Array(", ".utf8) + jsonString(payload) + Array(": 1}".utf8))
            })
        return out
    }

    static let task: [(String, [UInt8])] = [
        ("type", string("task")), ("id", string("h-task")), ("workflow_id", string("H-WF")),
        ("task_type", string("triage")), ("stage", string("triage")), ("tool", string("siem")),
        ("actor", string("analyst:ana")), ("assistant", string("siem-copilot")), ("ai_mode", string("assisted")),
        ("started_at", string("2026-03-02T10:00:00Z")), ("ended_at", string("2026-03-02T10:05:00Z")),
        ("context_from", string("h-prev")), ("attributes", Array(#"{"gen_ai.request.model": "m"}"#.utf8)),
    ]

    static let workflow: [(String, [UInt8])] = [
        ("type", string("workflow")), ("workflow_id", string("H-WF2")), ("opened_at", string("2026-03-02T10:00:00Z")),
        ("closed_at", string("2026-03-02T11:00:00Z")), ("severity", string("high")), ("category", string("phishing")),
        ("outcome", string("contained")),
    ]

    static func otlp(_ attributes: [(String, [UInt8])], name: [UInt8]) -> [UInt8] {
        var spanAttributes: [UInt8] = []
        for (index, (key, value)) in attributes.enumerated() {
            if index > 0 { spanAttributes += Array(", ".utf8) }
            spanAttributes +=
                Array("{\"key\": \"\(key)\", \"value\": {\"stringValue\": ".utf8) + value + Array("}}".utf8)
        }
        return Array(
            #"{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "edr-agent"}}]}, "scopeSpans": [{"spans": [{"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "00000000000000d1", "name": "#
                .utf8) + name
            + Array(
                #", "startTimeUnixNano": "1772445840000000000", "endTimeUnixNano": "1772445900000000000", "attributes": ["#
                    .utf8)
            + spanAttributes + Array("]}]}]}]}".utf8)
    }

    /// Every JSON (and NDJSON, OTLP JSON) body field of every route that takes one.
    static var jsonBodies: [Body] {
        var all: [Body] = []
        all += bodies(.post, "/v1/events", task, wrap: { [UInt8(ascii: "[")] + $0 + [UInt8(ascii: "]")] })
        all += bodies(.post, "/v1/events", workflow)
        all += bodies(
            .post, "/v1/events", task, wrap: { Array(#"{"records": ["#.utf8) + $0 + Array("]}".utf8) })
        all += bodies(.post, "/v1/events", task, contentType: "application/x-ndjson")
        all.append(
            Body(method: .post, uri: "/v1/events", contentType: "application/json", field: "gen_ai.request.model") {
                payload in
                object(
                    task.map {
                        $0.0 == "attributes" ? ($0.0, object([("gen_ai.request.model", jsonString(payload))])) : $0
                    })
            })
        let otlpAttributes: [(String, [UInt8])] = [
            ("soc.tool", string("edr")), ("soc.case.id", string("H-OTLP")), ("soc.actor.id", string("analyst:ana")),
            ("soc.stage", string("response")), ("gen_ai.agent.name", string("edr-agent")),
        ]
        // The record field each attribute becomes, which the rejection names.
        let fieldOf = [
            "soc.tool": "tool", "soc.case.id": "workflow_id", "soc.actor.id": "actor", "soc.stage": "stage",
            "gen_ai.agent.name": "assistant",
        ]
        for (key, _) in otlpAttributes {
            all.append(
                Body(method: .post, uri: "/v1/traces", contentType: "application/json", field: fieldOf[key]!) {
                    payload in
                    otlp(otlpAttributes.map { $0.0 == key ? ($0.0, jsonString(payload)) : $0 }, name: string("isolate"))
                })
        }
        all.append(
            Body(method: .post, uri: "/v1/traces", contentType: "application/json", field: "task_type") { payload in
                otlp(otlpAttributes, name: jsonString(payload))
            })
        let perception: [(String, [UInt8])] = [
            ("respondent_role", string("analyst")), ("assistant", string("siem-copilot")), ("rating", string("good")),
            ("date", string("2026-03-02")), ("note", string("fine")),
        ]
        all += bodies(.post, "/v1/perceptions", perception)
        all += bodies(
            .post, "/v1/perceptions", perception, wrap: { Array(#"{"perceptions": ["#.utf8) + $0 + Array("]}".utf8) })
        all += bodies(
            .post, "/v1/handoffs/h-t2/tags", [("reason", string("tool-switch")), ("note", string("re-keyed"))],
            freeText: ["note"])
        all += bodies(
            .put, "/v1/assistants/siem-copilot",
            [
                ("tool", string("siem")), ("category", string("copilot")), ("archetype", string("taker")),
                ("rollout_at", string("2026-03-01T00:00:00Z")),
            ])
        all += bodies(
            .put, "/v1/settings", [("display_name", string("Acme SOC")), ("delivery_model", string("hybrid"))])
        all += bodies(
            .post, "/v1/interventions",
            [
                ("date", string("2026-03-02")), ("target_kind", string("handoff-class")),
                ("target", string("siem→edr")),
                ("description", string("pre-approve containment")),
            ], freeText: ["description"])
        return all
    }

    /// Query parameters of every route that reads them; every route also gets one it ignores.
    static let queryParameters: [(String, [String])] = [
        ("/v1/handoffs", ["untagged", "min_wait", "tool_pair", "stage", "assistant", "from", "to", "limit", "cursor"]),
        ("/v1/report", ["from", "to", "assistant", "baseline", "min_sample", "compare", "trends"]),
        ("/v1/export/survey.csv", ["from", "to", "anonymize"]),
        ("/signin", ["code", "next"]),
        ("/handoffs", ["untagged", "min_wait", "tool_pair", "stage", "assistant", "from", "to"]),
        ("/", ["from", "to", "baseline", "build"]), ("/report", ["from", "to", "baseline", "compare", "trends"]),
        ("/summary", ["from", "to", "baseline", "compare"]),
    ]

    /// Every served route as a concrete path, its parameters filled with `fill`.
    static func concrete(_ template: String, fill: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.hasPrefix("{") && $0.hasSuffix("}") ? fill : String($0)
        }.joined(separator: "/")
    }

    @Test(
        "every payload (NUL, a lone surrogate, overlong forms, a BOM, 1 MB, a right-to-left override, CR LF) at every route and field gets a 4xx naming the field; nothing is stored; /metrics counts no 5xx",
        .timeLimit(.minutes(10)))
    func everyRouteAndField() async throws {
        let routes = servedRoutes().map { $0.split(separator: " ", maxSplits: 1).map(String.init) }
        try await withTestApplication { client, tokens in
            // A handoff into h-t2 to tag, and the contract's example (siem-copilot, INC-1042).
            var setup = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: Fixtures.contractExampleNDJSON + "\n"
                    + #"{"type": "task", "id": "h-t1", "workflow_id": "H-0", "task_type": "triage", "tool": "siem", "ai_mode": "none", "started_at": "2026-03-02T10:00:00Z", "ended_at": "2026-03-02T10:05:00Z"}"#
                    + "\n"
                    + #"{"type": "task", "id": "h-t2", "workflow_id": "H-0", "task_type": "contain", "tool": "edr", "ai_mode": "none", "started_at": "2026-03-02T11:00:00Z", "ended_at": "2026-03-02T11:05:00Z"}"#
            )
            #expect(try setup.json()["accepted"] as? Int == 4)
            var analyst = try await client.signIn(tokens.analystA)
            let queue = try await client.page(.get, "/handoffs", &analyst)
            let csrf = try #require(Browser.csrf(String(buffer: queue.body)))
            setup = try await client.send(.get, "/v1/handoffs", token: tokens.viewerA)
            #expect((try setup.json()["handoffs"] as? [[String: Any]])?.count == 1)

            var sent = 0
            func check(
                _ response: TestResponse, _ what: String, naming field: String?,
                sourceLocation: SourceLocation = #_sourceLocation
            ) {
                sent += 1
                let code = Int(response.status.code)
                #expect((400..<500).contains(code), "\(what): status \(code)", sourceLocation: sourceLocation)
                // A 413 names the size, not the field; HTML pages are checked for the status only.
                guard let field, code != 413, response.headers[.contentType]?.hasPrefix("application/json") == true
                else { return }
                let text = String(buffer: response.body)
                // OTLP JSON that Foundation cannot read is named by its position in the body.
                let position = what.contains("/v1/traces") && text.contains("(at byte ")
                #expect(
                    position || text.localizedCaseInsensitiveContains(field),
                    "\(what): the error does not name \(field): \(text.prefix(300))", sourceLocation: sourceLocation)
            }

            for payload in Self.payloads {
                let encoded = Self.percent(payload.bytes)
                // Query parameters: each one a route reads, and one every route ignores.
                for (path, names) in Self.queryParameters {
                    for name in names {
                        var browser = analyst
                        let response = try await client.page(.get, "\(path)?\(name)=\(encoded)", &browser)
                        check(response, "\(payload.name) in query \(path) \(name)", naming: "'\(name)'")
                    }
                }
                for route in routes {
                    let (method, template) = (HTTPRequest.Method(route[0])!, route[1])
                    var headers = HTTPFields()
                    headers[.authorization] = "Bearer \(tokens.adminA)"
                    headers[.cookie] = analyst.cookieHeader
                    let path = Self.concrete(template, fill: "p")
                    var response = try await client.execute(
                        uri: "\(path)?ignored=\(encoded)", method: method, headers: headers, body: nil)
                    check(response, "\(payload.name) in an ignored query parameter of \(route)", naming: "'ignored'")
                    response = try await client.execute(
                        uri: "\(path)?\(encoded)=1", method: method, headers: headers, body: nil)
                    check(
                        response, "\(payload.name) as a query parameter name of \(route)",
                        naming: "query parameter name")
                    // Path parameters.
                    if template.contains("{") {
                        response = try await client.execute(
                            uri: Self.concrete(template, fill: encoded), method: method, headers: headers, body: nil)
                        check(response, "\(payload.name) in the path of \(route)", naming: "path parameter")
                    }
                    // Header values (NUL, CR and LF cannot be put in a header here: the live test sends them).
                    if !payload.bytes.contains(0), !payload.bytes.contains(0x0D) {
                        for name in ["X-Hostile", "X-Request-Id", "User-Agent"] {
                            var hostile = headers
                            hostile.append(HTTPField(name: HTTPField.Name(name)!, lenientValue: payload.bytes))
                            response = try await client.execute(uri: path, method: method, headers: hostile, body: nil)
                            check(response, "\(payload.name) in header \(name) of \(route)", naming: "header '\(name)'")
                        }
                    }
                }
                // JSON, NDJSON and OTLP JSON body fields.
                for body in Self.jsonBodies where payload.refusedInFreeText || !body.freeText {
                    var headers = HTTPFields()
                    let token =
                        body.uri.hasPrefix("/v1/events") || body.uri.hasPrefix("/v1/traces")
                        ? tokens.ingestA : tokens.adminA
                    headers[.authorization] = "Bearer \(token)"
                    headers[.contentType] = body.contentType
                    let response = try await client.execute(
                        uri: body.uri, method: body.method, headers: headers,
                        body: ByteBuffer(bytes: body.make(payload.bytes)))
                    check(
                        response, "\(payload.name) in \(body.method) \(body.uri) (\(body.contentType)) \(body.field)",
                        naming: body.field == "task_type" && body.uri == "/v1/traces" ? "task_type" : body.field)
                }
                // Web form fields: signing in, tagging from the queue, signing out.
                let forms: [(String, [String], Set<String>)] = [
                    ("/signin", ["token", "csrf", "next"], []),
                    ("/handoffs/h-t2/tag", ["csrf", "reason", "note", "back"], ["note"]),
                    ("/interventions", ["csrf", "date", "target_kind", "target", "description"], ["description"]),
                    ("/signout", ["csrf"], []),
                ]
                for (path, fields, freeText) in forms {
                    for field in fields + ["\u{0}name"] where payload.refusedInFreeText || !freeText.contains(field) {
                        var headers = HTTPFields()
                        headers[.cookie] = analyst.cookieHeader
                        headers[.contentType] = "application/x-www-form-urlencoded"
                        var form = fields.map { "\($0)=\($0 == "csrf" ? csrf : $0 == "reason" ? "tool-switch" : "x")" }
                        if field.hasPrefix("\u{0}") {
                            form.append("\(encoded)=1")
                        } else {
                            form = form.map { $0.hasPrefix("\(field)=") ? "\(field)=\(encoded)" : $0 }
                        }
                        let response = try await client.execute(
                            uri: path, method: .post, headers: headers,
                            body: ByteBuffer(string: form.joined(separator: "&")))
                        check(response, "\(payload.name) in form \(path) \(field)", naming: nil)
                    }
                }
            }
            #expect(sent > 1_000)

            // Nothing was stored: no workflow of the hostile bodies, no tag, no rating, no settings,
            // the assistant's metadata unchanged, exactly the setup's four records accepted.
            for id in ["H-WF", "H-WF2", "H-OTLP"] {
                #expect(try await client.send(.get, "/v1/workflows/\(id)", token: tokens.viewerA).status == .notFound)
            }
            let handoffs = try await client.send(.get, "/v1/handoffs", token: tokens.viewerA).json()
            #expect((handoffs["handoffs"] as? [[String: Any]])?.first?["tag_count"] as? Int == 0)
            let settings = try await client.send(.get, "/v1/settings", token: tokens.viewerA).json()
            #expect(settings["display_name"] is NSNull)
            let interventions = try await client.send(.get, "/v1/interventions", token: tokens.viewerA).json()
            #expect((interventions["interventions"] as? [Any])?.isEmpty == true)
            let assistants = try await client.send(.get, "/v1/assistants", token: tokens.viewerA).json()
            let siem = (assistants["assistants"] as? [[String: Any]])?.first { $0["name"] as? String == "siem-copilot" }
            #expect(siem?["registered"] as? Bool == false)
            let report = try await client.send(.get, "/v1/report?from=2026-03-01&to=2026-03-31", token: tokens.viewerA)
            let rated = (try report.json()["assistants"] as? [[String: Any]])?.first {
                $0["name"] as? String == "siem-copilot"
            }
            #expect((rated?["perceived_responses"] as? Int ?? 0) == 0)
            let metrics = String(buffer: try await client.send(.get, "/metrics", token: nil).body)
            #expect(metrics.contains(#"baton_records_total{outcome="accepted"} 4"#))
            let serverErrors = metrics.split(separator: "\n").filter {
                $0.hasPrefix("baton_http_requests_total") && $0.contains(#"status="5"#)
            }
            #expect(serverErrors.isEmpty, "5xx counted: \(serverErrors)")
        }
    }

    @Test(
        "OTLP protobuf: every payload in an attribute Baton reads, or in the span name, is a 400 and nothing is stored")
    func otlpProtobuf() async throws {
        try await withTestApplication { client, tokens in
            let attributes = ["soc.tool", "soc.case.id", "soc.actor.id", "soc.stage", "gen_ai.agent.name", "name"]
            for payload in Self.payloads {
                // Encoded with a placeholder of the payload's length, then the bytes swapped in, so
                // that invalid UTF-8 reaches the decoder as sent (a Swift string cannot hold it).
                let placeholder = String(repeating: "~", count: payload.bytes.count)
                for target in attributes {
                    var values: [String: OTLPAttributeValue] = [
                        "soc.tool": .string("edr"), "soc.case.id": .string("H-PB"),
                        "soc.actor.id": .string("analyst:ana"),
                        "soc.stage": .string("response"), "gen_ai.agent.name": .string("edr-agent"),
                    ]
                    if target != "name" { values[target] = .string(placeholder) }
                    let span = OTLPSpan(
                        traceID: "5b8efff798038103d269b633813fc60c", spanID: "00000000000000f1",
                        name: target == "name" ? placeholder : "isolate", startTimeUnixNano: 1_772_445_840_000_000_000,
                        endTimeUnixNano: 1_772_445_900_000_000_000, attributes: values)
                    var bytes = OTLPTraceRequest(resourceSpans: [OTLPResourceSpans(spans: [span])]).protobuf
                    let marker = Array(placeholder.utf8)
                    let start = try #require(
                        (0...(bytes.count - marker.count)).first {
                            bytes[$0..<($0 + marker.count)].elementsEqual(marker)
                        })
                    bytes.replaceSubrange(start..<(start + marker.count), with: payload.bytes)
                    var headers = HTTPFields()
                    headers[.authorization] = "Bearer \(tokens.ingestA)"
                    headers[.contentType] = "application/x-protobuf"
                    let response = try await client.execute(
                        uri: "/v1/traces", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
                    #expect(response.status == .badRequest, "\(payload.name) in \(target): \(response.status)")
                }
            }
            #expect(try await client.send(.get, "/v1/workflows/H-PB", token: tokens.viewerA).status == .notFound)
            let metrics = String(buffer: try await client.send(.get, "/metrics", token: nil).body)
            #expect(!metrics.contains(#"status="5"#))
        }
    }

    @Test(
        "NUL, CR and LF inside a header value on the wire get a 400 and a closed connection; the server keeps serving")
    func headerBytesOnTheWire() async throws {
        try await withLiveServer({ _ in }) { port in
            let heads: [(String, [UInt8])] = [
                ("NUL", Array("X-Hostile: a".utf8) + [0x00] + Array("b".utf8)),
                ("bare CR", Array("X-Hostile: a\rb".utf8)),
                ("obsolete line folding", Array("X-Hostile: a\r\n b".utf8)),
                ("CR LF and a forged header", Array("X-Request-Id: a\r\n\r\nGET /metrics HTTP/1.1".utf8)),
            ]
            for (name, header) in heads {
                let connection = try RawConnection(port: port)
                connection.send(
                    bytes: Array("GET /healthz HTTP/1.1\r\nHost: baton\r\n".utf8) + header + Array("\r\n\r\n".utf8))
                let (text, _) = try await connection.read(within: 5, until: "\r\n\r\n")
                let status = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                if name == "CR LF and a forged header" {
                    // The header ends at the first CR LF: the request is whole and answered, and
                    // the "header" after it is a second request, never a header of the first.
                    #expect(text.hasPrefix("HTTP/1.1 200"), "\(name): \(text.prefix(80))")
                } else {
                    #expect((400..<500).contains(status), "\(name): \(text.prefix(80))")
                }
            }
            let prompt = try RawConnection(port: port)
            prompt.send("GET /metrics HTTP/1.1\r\nHost: baton\r\nConnection: close\r\n\r\n")
            let metrics = try await prompt.read(within: 5).text
            #expect(metrics.hasPrefix("HTTP/1.1 200"))
            #expect(!metrics.contains(#"status="5"#))
        }
    }
}
