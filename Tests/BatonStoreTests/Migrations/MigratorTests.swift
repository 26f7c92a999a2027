import BatonStore
import BatonTestSupport
import PostgresNIO
import Testing

@Suite("Migrator")
struct MigratorTests {
    let logger = TestDatabase.logger

    @Test("applies every bundled migration once, then nothing")
    func idempotent() async throws {
        let bundled = try Migration.bundled()
        #expect(!bundled.isEmpty)
        try await withFreshDatabase(migrate: false) { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let migrator = Migrator(migrations: bundled)
                #expect(try await migrator.isCurrent(client: client, logger: logger) == false)
                let first = try await migrator.migrate(client: client, logger: logger)
                // The migrations, then every view script (a migration ran, so all of them).
                let views = try ViewScript.bundled()
                #expect(!views.isEmpty)
                #expect(migrator.views == views)
                #expect(first == bundled.map(\.name) + views.map { "views/\($0.name)" })
                let second = try await migrator.migrate(client: client, logger: logger)
                #expect(second.isEmpty)
                #expect(try await migrator.isCurrent(client: client, logger: logger))
                let recorded = try await client.query("SELECT count(*)::int8 FROM baton_migrations", logger: logger)
                    .decode(Int64.self).reduce(into: [Int64]()) { $0.append($1) }
                #expect(recorded == [Int64(bundled.count)])
            }
        }
    }

    @Test("two migrators at once apply each migration exactly once")
    func concurrent() async throws {
        let bundled = try Migration.bundled()
        try await withFreshDatabase(migrate: false) { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let migrator = Migrator(migrations: bundled)
                async let a = migrator.migrate(client: client, logger: logger)
                async let b = migrator.migrate(client: client, logger: logger)
                let (appliedA, appliedB) = try await (a, b)
                let views = try ViewScript.bundled().map { "views/\($0.name)" }
                #expect((appliedA + appliedB).sorted() == (bundled.map(\.name) + views).sorted())
            }
        }
    }

    @Test("a migration changed after it was applied is refused, naming the file")
    func tampered() async throws {
        let bundled = try Migration.bundled()
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                var tampered = bundled
                tampered[0] = Migration(
                    version: bundled[0].version, name: bundled[0].name, sql: bundled[0].sql + "\n-- edited\n")
                let migrator = Migrator(migrations: tampered)
                let expected = MigrationError.checksumMismatch(
                    name: bundled[0].name, applied: bundled[0].checksum, file: tampered[0].checksum)
                await #expect(throws: expected) {
                    try await migrator.migrate(client: client, logger: logger)
                }
                let current = try await migrator.isCurrent(client: client, logger: logger)
                #expect(current == false)
                #expect(expected.description.contains(bundled[0].name))
            }
        }
    }

    @Test("a database newer than this build is refused")
    func unknownApplied() async throws {
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await client.query(
                    "INSERT INTO baton_migrations (version, name, checksum) VALUES (9999, '9999_future.sql', 'x')",
                    logger: logger)
                await #expect(throws: MigrationError.unknownApplied(version: 9999, name: "9999_future.sql")) {
                    try await Migrator(migrations: try Migration.bundled()).migrate(client: client, logger: logger)
                }
            }
        }
    }

    @Test("a failing migration is rolled back entirely and names the file")
    func failingMigrationRollsBack() async throws {
        let bundled = try Migration.bundled()
        let broken = Migration(
            version: 9000, name: "9000_broken.sql", sql: "CREATE TABLE half_done (x int);\nSELECT * FROM no_such_table;"
        )
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let migrator = Migrator(migrations: bundled + [broken])
                do {
                    try await migrator.migrate(client: client, logger: logger)
                    Issue.record("the broken migration was applied")
                } catch let error as MigrationError {
                    guard case .failed(let name, let message) = error else {
                        Issue.record("unexpected error \(error)")
                        return
                    }
                    #expect(name == "9000_broken.sql")
                    #expect(message.contains("no_such_table"))
                }
                let leftover = try await client.query(
                    "SELECT to_regclass('half_done') IS NULL", logger: logger
                ).decode(Bool.self).reduce(into: [Bool]()) { $0.append($1) }
                #expect(leftover == [true])
            }
        }
    }

    @Test(
        "a changed view script runs again on the next migrate, alone; until then the database is not current; a broken one rolls back and names the file"
    )
    func viewScripts() async throws {
        let bundled = try Migration.bundled()
        let views = try ViewScript.bundled()
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                #expect(try await Migrator(migrations: bundled).isCurrent(client: client, logger: logger))
                var changed = views
                let edited = try #require(changed.firstIndex { $0.name.contains("dashboard_figures") })
                changed[edited] = ViewScript(
                    name: views[edited].name,
                    sql: views[edited].sql
                        + "\nCREATE OR REPLACE FUNCTION reporting.view_script_probe() RETURNS int LANGUAGE sql AS 'SELECT 7';\n"
                )
                let migrator = Migrator(migrations: bundled, views: changed)
                #expect(try await migrator.isCurrent(client: client, logger: logger) == false)
                #expect(try await migrator.migrate(client: client, logger: logger) == ["views/\(views[edited].name)"])
                #expect(try await migrator.isCurrent(client: client, logger: logger))
                let probe = try await client.query("SELECT reporting.view_script_probe()", logger: logger)
                    .collectValues(Int.self)
                #expect(probe == [7])
                #expect(try await migrator.migrate(client: client, logger: logger).isEmpty)

                var broken = changed
                broken[edited] = ViewScript(
                    name: views[edited].name,
                    sql: "CREATE VIEW reporting.half_done AS SELECT 1;\nSELECT * FROM no_such_view;")
                do {
                    try await Migrator(migrations: bundled, views: broken).migrate(client: client, logger: logger)
                    Issue.record("the broken view script was applied")
                } catch let error as MigrationError {
                    guard case .failed(let name, let message) = error else {
                        Issue.record("unexpected error \(error)")
                        return
                    }
                    #expect(name == "views/\(views[edited].name)")
                    #expect(message.contains("no_such_view"))
                }
                let leftover = try await client.query(
                    "SELECT to_regclass('reporting.half_done') IS NULL", logger: logger
                ).collectValues(Bool.self)
                #expect(leftover == [true])
                // The last good script is still the one recorded.
                #expect(try await migrator.isCurrent(client: client, logger: logger))
            }
        }
    }
}
