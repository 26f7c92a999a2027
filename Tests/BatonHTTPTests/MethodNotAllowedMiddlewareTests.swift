import BatonTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BatonHTTP

@Suite("405 with Allow for undeclared methods")
struct MethodNotAllowedMiddlewareTests {
    @Test("a method no route of the path serves is 405 naming the methods it does; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await withTestApplication { client, tokens in
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.trace, "/assets/baton.css", "GET"), (.delete, "/v1/events", "POST"), (.put, "/v1/handoffs", "GET"),
                (.patch, "/v1/settings", "GET, PUT"), (.get, "/v1/handoffs/t-1/tags", "POST"),
                (.options, "/signin", "GET, POST"), (.head, "/healthz", "GET"), (.post, "/", "GET"),
                (.delete, "/v1/workflows/INC%2F42", "GET"),
            ]
            for (method, path, allow) in cases {
                let response = try await client.send(method, path, token: tokens.adminA)
                #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                if method != .head { #expect(response.errorCode == "method_not_allowed", "\(method) \(path)") }
            }
            for path in ["/nowhere", "/v1/handoffs/t-1", "/assets/other.css"] {
                let response = try await client.send(.trace, path, token: tokens.adminA)
                #expect(response.status == .notFound, "TRACE \(path)")
                #expect(response.headers[.allow] == nil)
            }
            // Served methods are unaffected.
            #expect(try await client.send(.get, "/assets/baton.css", token: nil).status == .ok)
            // Every route the router serves answers some other method with 405 and lists itself.
            for route in servedRoutes() {
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                let path = HostileBytesTests.concrete(parts[1], fill: "x")
                let response = try await client.send(.trace, path, token: tokens.adminA)
                #expect(response.status == .methodNotAllowed, "TRACE \(path)")
                #expect(response.headers[.allow]?.contains(parts[0]) == true, "TRACE \(path)")
            }
        }
    }
}
