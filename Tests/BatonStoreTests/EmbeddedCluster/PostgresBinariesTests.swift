import Foundation
import Testing

@testable import BatonStore

@Suite("Finding PostgreSQL's server programs")
struct PostgresBinariesTests {
    @Test("BATON_PG_BINDIR wins when it holds the server programs")
    func explicitDirectory() throws {
        let real = try #require(PostgresBinaries.locate(), "a PostgreSQL server must be installed to run the tests")
        let found = PostgresBinaries.locate(
            environment: ["BATON_PG_BINDIR": real.directory], systemDirectory: "/nonexistent")
        #expect(found?.directory == real.directory)
    }

    @Test("nothing installed: no binaries, and the error says what to install or set")
    func nothingInstalled() {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("baton-empty-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let found = PostgresBinaries.locate(
            environment: ["PATH": empty.path, "BATON_PG_BINDIR": empty.path], systemDirectory: empty.path)
        #expect(found == nil)
        let message = EmbeddedClusterError.serverNotInstalled.description
        #expect(message.contains("apt-get install postgresql libpq-dev"))
        #expect(message.contains("DATABASE_URL"))
    }
}
