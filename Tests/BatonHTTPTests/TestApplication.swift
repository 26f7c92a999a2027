import BatonCore
import BatonHTTP
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOFoundationEssentialsCompat
import PostgresNIO
import Testing

/// Tokens of two tenants, one per role, created before the application starts.
struct TestTokens: Sendable {
    var adminA: String
    var ingestA: String
    var viewerA: String
    var analystA: String
    var ingestB: String
    var viewerB: String
    var analystB: String
    var adminB: String
}

/// Runs `body` against Baton's real application (``buildApplication``) on a fresh database,
/// through Hummingbird's router test client.
func withTestApplication(
    configure: @Sendable (inout ServiceConfiguration) -> Void = { _ in }, sessions: SessionStore = SessionStore(),
    logger: Logger = TestDatabase.logger, inFlight: InFlightLimiter? = nil,
    _ body: @Sendable (any TestClientProtocol, TestTokens) async throws -> Void
) async throws {
    try await withFreshDatabase { endpoint in
        let tokens = try await TestDatabase.withClient(endpoint) { client in
            let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
            let logger = TestDatabase.logger
            func make(_ tenant: String, _ role: Role) async throws -> String {
                try await storage.tokens.createToken(tenant: tenant, role: role, label: nil, logger: logger).secret
            }
            return TestTokens(
                adminA: try await make("soc-a", .admin), ingestA: try await make("soc-a", .ingest),
                viewerA: try await make("soc-a", .viewer), analystA: try await make("soc-a", .analyst),
                ingestB: try await make("soc-b", .ingest), viewerB: try await make("soc-b", .viewer),
                analystB: try await make("soc-b", .analyst), adminB: try await make("soc-b", .admin))
        }
        var configuration = ServiceConfiguration()
        // The whole suite runs in parallel on two cores, where a resumed task can wait seconds
        // for a thread; tests of the 5 s default set their own.
        configuration.databaseWait = .seconds(60)
        // Pages show their report, however long it takes on a loaded machine; the overview's
        // background builds are tested with a wait of their own.
        configuration.overviewWait = nil
        configure(&configuration)
        let app = try buildApplication(
            configuration: configuration, database: endpoint, logger: logger, sessions: sessions, inFlight: inFlight)
        try await app.test(.router) { client in try await body(client, tokens) }
    }
}

extension TestClientProtocol {
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, contentType: String? = "application/json",
        body: String? = nil
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let contentType, body != nil { headers[.contentType] = contentType }
        return try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as a JSON object (fails the test if it is not one).
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }

    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }

    var errorMessage: String? {
        ((try? json())?["error"] as? [String: Any])?["message"] as? String
    }
}

/// Every route the application serves, as "METHOD /path/{parameter}", read from the router itself
/// (building it reaches no database).
func servedRoutes() -> [String] {
    let client = PostgresClient(
        configuration: .init(host: "127.0.0.1", username: "x", password: nil, database: nil, tls: .disable))
    return buildRouter(
        repositories: PostgresStorage(client: client, migrations: []).repositories,
        configuration: ServiceConfiguration()
    )
    .routes.map { "\($0.method) \($0.path)" }
}
