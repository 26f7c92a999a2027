import BatonHTTP
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite("Health, readiness and unknown routes")
struct HealthControllerTests {
    @Test func healthAndReadiness() async throws {
        try await withTestApplication { client, _ in
            var response = try await client.send(.get, "/healthz", token: nil)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ok")
            response = try await client.send(.get, "/readyz", token: nil)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ready")
        }
    }

    @Test("readiness is false while the schema is not current")
    func notReadyWhenSchemaIsBehind() async throws {
        // A database that the application may not migrate stays not ready.
        try await withFreshDatabase(migrate: false) { endpoint in
            var configuration = ServiceConfiguration()
            configuration.migrateOnStart = false
            let app = try buildApplication(
                configuration: configuration, database: endpoint, logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let response = try await client.send(.get, "/readyz", token: nil)
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(response.errorCode == "unavailable")
            }
        }
    }

    @Test func unknownRouteIsJSON404() async throws {
        try await withTestApplication { client, tokens in
            let response = try await client.send(.get, "/v1/nothing-here", token: tokens.viewerA)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
        }
    }
}
