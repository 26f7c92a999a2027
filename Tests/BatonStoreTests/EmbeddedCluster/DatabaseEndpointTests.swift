import BatonStore
import Testing

@Suite("DATABASE_URL parsing")
struct DatabaseEndpointTests {
    @Test func fullURL() throws {
        let e = try DatabaseEndpoint(url: "postgres://baton:s%40cret@db.example:6543/soc?sslmode=require")
        #expect(e.host == "db.example")
        #expect(e.port == 6543)
        #expect(e.username == "baton")
        #expect(e.password == "s@cret")
        #expect(e.database == "soc")
        #expect(e.tls == .require)
        #expect(!e.description.contains("cret"))
    }

    @Test func defaults() throws {
        let e = try DatabaseEndpoint(url: "postgresql://ana@localhost")
        #expect(e.port == 5432)
        #expect(e.database == "ana")
        #expect(e.password == nil)
        #expect(e.tls == .prefer)
    }

    @Test func unixSocket() throws {
        let e = try DatabaseEndpoint(url: "postgres://ana@/baton?host=/var/run/postgresql")
        #expect(e.unixSocketPath == "/var/run/postgresql/.s.PGSQL.5432")
    }

    @Test func rejectsOtherSchemesAndModes() {
        #expect(throws: DatabaseURLError.self) { try DatabaseEndpoint(url: "mysql://a@b/c") }
        #expect(throws: DatabaseURLError.self) { try DatabaseEndpoint(url: "postgres://a@b/c?sslmode=bogus") }
        #expect(throws: DatabaseURLError.self) { try DatabaseEndpoint(url: "postgres://b/c") }
    }

    @Test func urlRoundTrip() throws {
        let e = DatabaseEndpoint(
            host: "127.0.0.1", port: 41000, username: "baton", password: "p w", database: "baton", tls: .disable)
        let back = try DatabaseEndpoint(url: e.url)
        #expect(back == e)
    }
}
