import BatonCore
import BatonHTTP
import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("POST /v1/traces")
struct TracesControllerTests {
    static let trace = "5b8efff798038103d269b633813fc60c"
    /// 2026-03-02T10:04:00Z in nanoseconds.
    static let start: UInt64 = 1_772_445_840_000_000_000

    static func span(
        _ id: String, parent: String = "", name: String, from: UInt64, to: UInt64,
        _ attributes: [String: OTLPAttributeValue]
    ) -> OTLPSpan {
        OTLPSpan(
            traceID: trace, spanID: id, parentSpanID: parent, name: name,
            startTimeUnixNano: start + from * 1_000_000_000, endTimeUnixNano: start + to * 1_000_000_000,
            attributes: attributes)
    }

    /// A SIEM triage agent run (with a model call inside it) handing case INC-OT to an EDR agent,
    /// which follows from it by a link.
    static let handoffRequest: OTLPTraceRequest = {
        let siem = span(
            "00000000000000a1", name: "invoke_agent siem-triage", from: 0, to: 60,
            [
                "gen_ai.operation.name": .string("invoke_agent"), "gen_ai.agent.name": .string("siem-triage"),
                "soc.case.id": .string("INC-OT"), "soc.tool": .string("siem"), "soc.stage": .string("triage"),
                "soc.task.type": .string("alert-triage"), "gen_ai.usage.prompt_tokens": .int(700),
            ])
        let chat = span(
            "00000000000000a2", parent: "00000000000000a1", name: "chat gpt-4o", from: 5, to: 20,
            ["gen_ai.operation.name": .string("chat"), "gen_ai.system": .string("openai")])
        var edr = span(
            "00000000000000b1", name: "invoke_agent edr-investigation", from: 300, to: 420,
            [
                "gen_ai.operation.name": .string("invoke_agent"), "gen_ai.agent.name": .string("edr-investigator"),
                "soc.case.id": .string("INC-OT"), "soc.stage": .string("investigation"),
                "soc.task.type": .string("host-investigation"),
            ])
        edr.links = [OTLPLink(traceID: trace, spanID: "00000000000000a1")]
        return OTLPTraceRequest(resourceSpans: [
            OTLPResourceSpans(resourceAttributes: ["service.name": .string("siem-triage-agent")], spans: [siem, chat]),
            OTLPResourceSpans(resourceAttributes: ["service.name": .string("edr-agent")], spans: [edr]),
        ])
    }()

    static func post(
        _ client: any TestClientProtocol, token: String?, contentType: String, body: [UInt8], gzip: Bool = false
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = contentType
        var buffer = ByteBuffer(bytes: body)
        if gzip {
            headers[.contentEncoding] = "gzip"
            buffer = try buffer.compress(with: .gzip())
        }
        return try await client.execute(uri: "/v1/traces", method: .post, headers: headers, body: buffer)
    }

    static func assertHandoffStored(_ client: any TestClientProtocol, token: String) async throws {
        let response = try await client.send(.get, "/v1/workflows/INC-OT", token: token)
        #expect(response.status == .ok)
        let json = try response.json()
        let tasks = try #require(json["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["id"] as? String } == ["00000000000000a1", "00000000000000b1"])
        #expect(tasks.map { $0["tool"] as? String } == ["siem", "edr"])
        #expect(tasks.map { $0["ai_mode"] as? String } == ["autonomous", "autonomous"])
        #expect(tasks.map { $0["assistant"] as? String } == ["siem-triage", "edr-investigator"])
        #expect(tasks.last?["context_from"] as? String == "00000000000000a1")
        let handoffs = try #require(json["handoffs"] as? [[String: Any]])
        let toEDR = try #require(handoffs.first { $0["to_task"] as? String == "00000000000000b1" })
        #expect(toEDR["from_task"] as? String == "00000000000000a1")
        #expect(toEDR["wait_seconds"] as? Double == 240)
        #expect(toEDR["cross_tool"] as? Bool == true)
        #expect(toEDR["context_carried"] as? Bool == true)
    }

    @Test("protobuf, plain and gzip: the agent runs become tasks with a derived handoff; a resend is a duplicate")
    func protobuf() async throws {
        try await withTestApplication(configure: { $0.otlpMapping = OTLPMapping(toolByService: ["edr-agent": "edr"]) })
        {
            client, tokens in
            var response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/x-protobuf", body: Self.handoffRequest.protobuf
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/x-protobuf")
            #expect(response.body.readableBytes == 0)  // full success: an empty ExportTraceServiceResponse
            try await Self.assertHandoffStored(client, token: tokens.viewerA)

            response = try await Self.post(
                client, token: tokens.ingestB, contentType: "application/x-protobuf",
                body: Self.handoffRequest.protobuf,
                gzip: true)
            #expect(response.status == .ok)
            try await Self.assertHandoffStored(client, token: tokens.viewerB)
        }
    }

    @Test("OTLP JSON written by hand is accepted; unusable spans give partial_success in JSON")
    func json() async throws {
        let body = #"""
            {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "edr-agent"}}]},
              "scopeSpans": [{"scope": {"name": "hand"}, "spans": [
                {"traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "00000000000000C1", "name": "isolate",
                 "kind": 1, "startTimeUnixNano": "1772445840000000000", "endTimeUnixNano": 1772445900000000000,
                 "attributes": [{"key": "soc.tool", "value": {"stringValue": "edr"}},
                                {"key": "soc.case.id", "value": {"stringValue": "INC-J"}},
                                {"key": "soc.actor.type", "value": {"stringValue": "human"}},
                                {"key": "soc.actor.id", "value": {"stringValue": "analyst:ana"}}]},
                {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "00000000000000c2", "name": "no tool here",
                 "startTimeUnixNano": 1772445840000000000, "endTimeUnixNano": 1772445900000000000}
              ]}]}]}
            """#
        try await withTestApplication { client, tokens in
            let response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/json", body: Array(body.utf8))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let partial = try #require(try response.json()["partialSuccess"] as? [String: Any])
            #expect(partial["rejectedSpans"] as? String == "1")
            #expect((partial["errorMessage"] as? String)?.contains("span 00000000000000c2: no tool") == true)

            let stored = try await client.send(.get, "/v1/workflows/INC-J", token: tokens.viewerA)
            let tasks = try #require(try stored.json()["tasks"] as? [[String: Any]])
            #expect(tasks.count == 1)
            #expect(tasks.first?["ai_mode"] as? String == "none")
            #expect(tasks.first?["actor"] as? String == "analyst:ana")
            #expect(tasks.first?["ended_at"] as? String == "2026-03-02T10:05:00Z")

            // Counted in /metrics like records sent to /v1/events.
            let metrics = String(buffer: try await client.send(.get, "/metrics", token: nil).body)
            #expect(metrics.contains(#"baton_records_total{outcome="accepted"} 1"#))
            #expect(metrics.contains(#"baton_records_total{outcome="rejected",field="record"} 1"#))
        }
    }

    @Test("an empty request succeeds in either encoding")
    func empty() async throws {
        try await withTestApplication { client, tokens in
            var response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/x-protobuf", body: [])
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
            response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/json", body: Array("{}".utf8))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "{}")
            response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/x-protobuf", body: [], gzip: true)
            #expect(response.status == .ok)
        }
    }

    @Test("a corrupted protobuf gets 400 with a google.rpc.Status in protobuf; bad gzip and bad JSON get 400")
    func corrupted() async throws {
        try await withTestApplication { client, tokens in
            var corrupted = Self.handoffRequest.protobuf
            corrupted.removeLast(7)
            var response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/x-protobuf", body: corrupted)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/x-protobuf")
            let bytes = Array(buffer: response.body)
            #expect(bytes.prefix(2) == [0x08, 0x03])  // code: INVALID_ARGUMENT
            #expect(String(decoding: bytes, as: UTF8.self).contains("undecodable OTLP body"))

            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(tokens.ingestA)"
            headers[.contentType] = "application/x-protobuf"
            headers[.contentEncoding] = "gzip"
            response = try await client.execute(
                uri: "/v1/traces", method: .post, headers: headers, body: ByteBuffer(string: "not gzip at all"))
            #expect(response.status == .badRequest)

            response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/json", body: Array("{".utf8))
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "malformed_body")
        }
    }

    @Test("a gzip bomb gets 413: the limit applies to the decompressed body")
    func gzipBomb() async throws {
        try await withTestApplication(configure: { $0.maxBodyBytes = 1 << 20 }) { client, tokens in
            let zeros = [UInt8](repeating: 0, count: 64 << 20)  // 64 MiB inflated, about 64 KiB on the wire
            var compressed = ByteBuffer(bytes: zeros)
            compressed = try compressed.compress(with: .gzip())
            #expect(compressed.readableBytes < 1 << 20)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(tokens.ingestA)"
            headers[.contentType] = "application/json"
            headers[.contentEncoding] = "gzip"
            let response = try await client.execute(
                uri: "/v1/traces", method: .post, headers: headers, body: compressed)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "body_too_large")
        }
    }

    /// The fields of a protobuf `google.rpc.Status`: code (1) and message (2).
    static func rpcStatus(_ bytes: [UInt8]) -> (code: Int, message: String)? {
        var code = 0
        var message = ""
        var index = 0
        while index < bytes.count {
            let tag = bytes[index]
            index += 1
            switch tag {
            case 0x08:
                guard index < bytes.count, bytes[index] < 0x80 else { return nil }
                code = Int(bytes[index])
                index += 1
            case 0x12:
                guard index < bytes.count else { return nil }
                var length = 0
                var shift = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    length |= Int(byte & 0x7F) << shift
                    shift += 7
                    if byte < 0x80 { break }
                }
                guard index + length <= bytes.count else { return nil }
                message = String(decoding: bytes[index..<index + length], as: UTF8.self)
                index += length
            default: return nil
            }
        }
        return (code, message)
    }

    @Test("401 without a token, 403 for a viewer, 415 for other types and encodings")
    func refusals() async throws {
        try await withTestApplication { client, tokens in
            let body = Self.handoffRequest.protobuf
            var response = try await Self.post(client, token: nil, contentType: "application/x-protobuf", body: body)
            #expect(response.status == .unauthorized)
            // OTLP/HTTP: a protobuf client's 4xx carries a protobuf google.rpc.Status.
            #expect(response.headers[.contentType] == "application/x-protobuf")
            let unauthenticated = Self.rpcStatus(Array(buffer: response.body))
            #expect(unauthenticated?.code == 16)  // UNAUTHENTICATED
            #expect(unauthenticated?.message.isEmpty == false)
            response = try await Self.post(
                client, token: "not-a-token", contentType: "application/x-protobuf", body: body)
            #expect(response.status == .unauthorized)
            #expect(Self.rpcStatus(Array(buffer: response.body))?.code == 16)
            response = try await Self.post(
                client, token: tokens.viewerA, contentType: "application/x-protobuf", body: body)
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType] == "application/x-protobuf")
            let denied = Self.rpcStatus(Array(buffer: response.body))
            #expect(denied?.code == 7)  // PERMISSION_DENIED
            #expect(denied?.message.isEmpty == false)
            // A JSON client keeps the contract's JSON error body.
            response = try await Self.post(client, token: nil, contentType: "application/json", body: Array("{}".utf8))
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthorized")
            response = try await Self.post(
                client, token: tokens.viewerA, contentType: "application/json", body: Array("{}".utf8))
            #expect(response.status == .forbidden)
            #expect(response.errorCode != nil)
            response = try await Self.post(client, token: tokens.ingestA, contentType: "text/plain", body: body)
            #expect(response.status == .unsupportedMediaType)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(tokens.ingestA)"
            headers[.contentType] = "application/x-protobuf"
            headers[.contentEncoding] = "br"
            response = try await client.execute(
                uri: "/v1/traces", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            #expect(response.status == .unsupportedMediaType)
        }
    }

    @Test("over the rate limit: 429 with Retry-After (a google.rpc.Status for protobuf); other tokens are unaffected")
    func rateLimit() async throws {
        try await withTestApplication(configure: { $0.otlpRateLimit = 0.01 }) { client, tokens in
            // The burst is one request: the second in a row is over the limit.
            var response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/x-protobuf", body: [])
            #expect(response.status == .ok)
            response = try await Self.post(
                client, token: tokens.ingestA, contentType: "application/x-protobuf", body: [])
            #expect(response.status == .tooManyRequests)
            #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(Array(buffer: response.body).prefix(2) == [0x08, 0x08])  // code: RESOURCE_EXHAUSTED
            response = try await Self.post(client, token: tokens.ingestA, contentType: "application/json", body: [])
            #expect(response.status == .tooManyRequests)
            #expect(response.errorCode == "rate_limited")
            response = try await Self.post(
                client, token: tokens.ingestB, contentType: "application/x-protobuf", body: [])
            #expect(response.status == .ok)
        }
    }
}
