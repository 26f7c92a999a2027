import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BatonHTTP

@Suite("Request ids")
struct RequestIDMiddlewareTests {
    static let header = HTTPField.Name("X-Request-Id")!

    @Test("a client's short, plain id is echoed and on every log line of its request; others are replaced")
    func requestIDs() async throws {
        let logs = CapturedLogs()
        try await withTestApplication(logger: logs.logger) { client, tokens in
            var headers: HTTPFields = [
                .authorization: "Bearer \(tokens.ingestA)", .contentType: "application/x-ndjson",
            ]
            headers[Self.header] = "exporter-7.batch_42"
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: headers,
                body: ByteBuffer(string: Fixtures.contractExampleNDJSON))
            #expect(response.status == .ok)
            #expect(response.headers[Self.header] == "exporter-7.batch_42")
            let tagged = logs.all.filter { $0.contains("baton.request.id=exporter-7.batch_42") }
            #expect(tagged.contains { $0.contains("batch stored") })

            // Unsafe or overlong ids are not echoed into logs or responses: a fresh one stands in.
            var generated: Set<String> = []
            for candidate in ["two words", "line\u{1}break", String(repeating: "a", count: 65), ""] {
                var headers = HTTPFields()
                headers[Self.header] = candidate
                let response = try await client.execute(uri: "/healthz", method: .get, headers: headers)
                let id = try #require(response.headers[Self.header])
                #expect(id != candidate)
                #expect(RequestIDMiddleware<BatonRequestContext>.accepted(id) == id)
                generated.insert(id)
            }
            #expect(generated.count == 4)
            // Errors carry the id too.
            let missing = try await client.execute(uri: "/v1/events", method: .post, headers: [:])
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[Self.header]?.isEmpty == false)
        }
    }

    @Test("the accepted alphabet and length")
    func acceptance() {
        typealias Middleware = RequestIDMiddleware<BatonRequestContext>
        #expect(Middleware.accepted("A-z_0.9") == "A-z_0.9")
        #expect(Middleware.accepted(String(repeating: "x", count: 64)) != nil)
        #expect(Middleware.accepted(String(repeating: "x", count: 65)) == nil)
        #expect(Middleware.accepted("é") == nil)
        #expect(Middleware.accepted("a/b") == nil)
        #expect(Middleware.accepted("") == nil)
    }
}
