import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Embedded PostgreSQL cluster", .timeLimit(.minutes(10)))
struct EmbeddedClusterTests {
    let logger = TestDatabase.logger

    @Test("created on first start, shared by concurrent starters, stopped and restarted")
    func lifecycle() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("baton-cluster-\(UUID().uuidString)")
            .path
        let cluster = EmbeddedCluster(home: home)
        defer {
            try? cluster.destroy(logger: logger)
            try? FileManager.default.removeItem(atPath: home)
        }
        #expect(try cluster.status() == .notInitialized)

        // Two starters at once: the lock makes one create the cluster and the other reuse it.
        async let first = Task { try EmbeddedCluster(home: home).start(logger: logger) }.value
        async let second = Task { try EmbeddedCluster(home: home).start(logger: logger) }.value
        let (a, b) = try await (first, second)
        #expect(a == b)
        #expect(a.host == "127.0.0.1")
        #expect(try cluster.status() == .running(port: a.port))
        #expect(try cluster.endpoint() == a)

        // It answers, with the generated password, on loopback.
        let answer = try await TestDatabase.withClient(a) { client in
            try await client.query("SELECT current_user, inet_server_addr()::text", logger: logger)
                .decode((String, String).self).reduce(into: [(String, String)]()) { $0.append($1) }
        }
        #expect(answer.first?.0 == "baton")
        #expect(answer.first?.1 == "127.0.0.1/32")

        // A wrong password is refused at once (one connection, not the pool, which would retry).
        await #expect(throws: PSQLError.self) {
            let connection = try await PostgresConnection.connect(
                configuration: PostgresConnection.Configuration(
                    host: a.host, port: a.port, username: a.username, password: "not-the-password",
                    database: a.database, tls: .disable),
                id: 1, logger: logger)
            try await connection.close()
        }

        try cluster.stop(logger: logger)
        #expect(try cluster.status() == .stopped)
        let again = try cluster.start(logger: logger)
        #expect(again.password == a.password)
        #expect(try cluster.status() == .running(port: again.port))

        // The state file holds the password: only its owner may read it.
        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/cluster.json")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        try cluster.destroy(logger: logger)
        #expect(try cluster.status() == .notInitialized)
    }
}
