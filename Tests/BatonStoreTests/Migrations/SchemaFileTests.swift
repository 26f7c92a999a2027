import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// `SQL/schema.sql` is the schema the migrations and view scripts build, so a reader need not
/// replay twelve migrations in their head. This test keeps it current.
@Suite("SQL/schema.sql", .timeLimit(.minutes(10)))
struct SchemaFileTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SQL/schema.sql")

    @Test(
        "SQL/schema.sql equals pg_dump --schema-only of a freshly migrated database, normalised (BATON_WRITE_SCHEMA=1 rewrites it)"
    )
    func current() async throws {
        let dump = try await withFreshDatabase { endpoint in try Self.dump(endpoint) }
        let schema = Self.normalised(dump)
        #expect(schema.contains("CREATE TABLE public.handoffs"))
        #expect(schema.contains("CREATE FUNCTION report_source.handoff_friction"))
        if ProcessInfo.processInfo.environment["BATON_WRITE_SCHEMA"] == "1" {
            try Data(schema.utf8).write(to: Self.file)
        }
        let stored = (try? String(contentsOf: Self.file, encoding: .utf8)) ?? ""
        if stored != schema {
            let ours = stored.split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = schema.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(ours, theirs)).firstIndex { $0 != $1 } ?? min(ours.count, theirs.count)
            Issue.record(
                """
                SQL/schema.sql is stale from line \(line + 1) (file: \
                \(line < ours.count ? String(ours[line]) : "<end>"); database: \
                \(line < theirs.count ? String(theirs[line]) : "<end>")). Rewrite it with \
                BATON_WRITE_SCHEMA=1 swift test --filter SchemaFileTests
                """)
        }
    }

    static func dump(_ endpoint: DatabaseEndpoint) throws -> String {
        let binaries = try #require(PostgresBinaries.locate(), "PostgreSQL's programs not found")
        let pgDump = binaries.path("pg_dump")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pgDump)
        process.arguments = [
            "--schema-only", "--no-owner", "--no-privileges", "--host", endpoint.unixSocketPath ?? endpoint.host,
            "--port", "\(endpoint.port)", "--username", endpoint.username, "--dbname", endpoint.database,
        ]
        var environment = ProcessInfo.processInfo.environment
        if let password = endpoint.password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "pg_dump failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// Without what varies by machine or by run: version banners, session settings, the
    /// `\restrict` key, and runs of blank lines.
    static func normalised(_ dump: String) -> String {
        var lines: [Substring] = []
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- Dumped from") || line.hasPrefix("-- Dumped by") || line.hasPrefix("SET ")
                || line.hasPrefix("SELECT pg_catalog.set_config")
                // pg_dump's per-run random key against psql meta-command injection.
                || line.hasPrefix("\\restrict ") || line.hasPrefix("\\unrestrict ")
            {
                continue
            }
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        let header = """
            -- Baton's schema as the migrations (SQL/NNNN_*.sql) and view scripts (SQL/views/) build
            -- it: pg_dump --schema-only --no-owner --no-privileges of a freshly migrated database.
            -- Generated; do not edit. A test (SchemaFileTests) fails when it is stale.

            """
        return header + lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }
}
