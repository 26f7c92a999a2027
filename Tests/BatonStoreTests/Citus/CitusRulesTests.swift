import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Citus distribution rules")
struct CitusRulesTests {
    let logger = TestDatabase.logger

    @Test("the migrated schema classifies every table and keeps every Citus rule")
    func migratedSchema() async throws {
        let distribution = try TableDistribution.bundled()
        #expect(distribution.tables.contains { $0.placement == .distributed })
        let logger = self.logger
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let violations = try await CitusRules(distribution: distribution).violations(
                    client: client, logger: logger)
                #expect(violations.isEmpty, "\(violations)")
            }
        }
    }

    /// A small schema and its declaration; `expected` is every violation the checker must report
    /// for it, no more and no fewer.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var declaration: String
        /// Statements with `{s}` standing for the case's scratch schema.
        var ddl: [String]
        var expected: [(CitusRules.Rule, String)]
        var testDescription: String { name }
    }

    static let parent = "CREATE TABLE {s}.parent (tenant_id text NOT NULL, id int, PRIMARY KEY (tenant_id, id))"

    static let cases: [Case] = [
        Case(
            name: "a table the declaration does not name", declaration: "parent distributed",
            ddl: [parent, "CREATE TABLE {s}.stray (x int)"], expected: [(.unclassified, "stray")]),
        Case(
            name: "a declared table that does not exist", declaration: "parent distributed\nghost reference",
            ddl: [parent], expected: [(.declaredTableMissing, "ghost")]),
        Case(
            name: "a distributed table whose tenant_id may be NULL", declaration: "d distributed",
            ddl: ["CREATE TABLE {s}.d (tenant_id text, id int)"], expected: [(.tenantColumn, "d")]),
        Case(
            name: "a distributed table without tenant_id", declaration: "d distributed",
            ddl: ["CREATE TABLE {s}.d (id int)"], expected: [(.tenantColumn, "d")]),
        Case(
            name: "distributed tables with different tenant_id types",
            declaration: "a distributed\nb distributed\nc distributed",
            ddl: [
                "CREATE TABLE {s}.a (tenant_id text NOT NULL)", "CREATE TABLE {s}.b (tenant_id text NOT NULL)",
                "CREATE TABLE {s}.c (tenant_id uuid NOT NULL)",
            ], expected: [(.tenantColumnType, "c")]),
        Case(
            name: "a primary key without tenant_id", declaration: "d distributed",
            ddl: ["CREATE TABLE {s}.d (tenant_id text NOT NULL, id int PRIMARY KEY)"],
            expected: [(.uniqueWithoutTenant, "d")]),
        Case(
            name: "a unique constraint without tenant_id", declaration: "parent distributed",
            ddl: [parent, "ALTER TABLE {s}.parent ADD COLUMN name text UNIQUE"],
            expected: [(.uniqueWithoutTenant, "parent")]),
        Case(
            name: "a unique index on an expression", declaration: "parent distributed",
            ddl: [
                parent, "ALTER TABLE {s}.parent ADD COLUMN name text",
                "CREATE UNIQUE INDEX ON {s}.parent (lower(name))",
            ], expected: [(.uniqueWithoutTenant, "parent")]),
        Case(
            name: "a unique index with tenant_id only as an INCLUDE column", declaration: "parent distributed",
            ddl: [
                parent, "ALTER TABLE {s}.parent ADD COLUMN name text",
                "CREATE UNIQUE INDEX ON {s}.parent (name) INCLUDE (tenant_id)",
            ], expected: [(.uniqueWithoutTenant, "parent")]),
        Case(
            name: "an exclusion constraint without tenant_id", declaration: "d distributed",
            ddl: [
                "CREATE TABLE {s}.d (tenant_id text NOT NULL, during tstzrange, EXCLUDE USING gist (during WITH &&))"
            ],
            expected: [(.exclusionWithoutTenant, "d")]),
        Case(
            name: "a foreign key between distributed tables pairing tenant_id with another column",
            declaration: "parent distributed\nchild distributed",
            ddl: [
                "CREATE TABLE {s}.parent (tenant_id text NOT NULL, id text, PRIMARY KEY (tenant_id, id))",
                "ALTER TABLE {s}.parent ADD UNIQUE (id, tenant_id)",
                """
                CREATE TABLE {s}.child (tenant_id text NOT NULL, pid text,
                    FOREIGN KEY (tenant_id, pid) REFERENCES {s}.parent (id, tenant_id))
                """,
            ], expected: [(.foreignKeyWithoutTenant, "child")]),
        Case(
            name: "a foreign key between distributed tables without tenant_id",
            declaration: "parent distributed\nchild distributed",
            ddl: [
                parent, "ALTER TABLE {s}.parent ADD UNIQUE (id)",
                "CREATE TABLE {s}.child (tenant_id text NOT NULL, pid int REFERENCES {s}.parent (id))",
            ], expected: [(.foreignKeyWithoutTenant, "child"), (.uniqueWithoutTenant, "parent")]),
        Case(
            name: "a foreign key from a reference table to a distributed one",
            declaration: "parent distributed\nr reference",
            ddl: [
                parent,
                "CREATE TABLE {s}.r (tenant_id text, pid int, FOREIGN KEY (tenant_id, pid) REFERENCES {s}.parent)",
            ], expected: [(.foreignKeyFromReference, "r")]),
        Case(
            name: "a foreign key from a local table to a distributed one", declaration: "parent distributed\nl local",
            ddl: [
                parent,
                "CREATE TABLE {s}.l (tenant_id text, pid int, FOREIGN KEY (tenant_id, pid) REFERENCES {s}.parent)",
            ], expected: [(.foreignKeyWithLocal, "l")]),
        Case(
            name: "a foreign key to a table of another schema", declaration: "parent distributed",
            ddl: [
                "CREATE SCHEMA {s}_other", "CREATE TABLE {s}_other.t (tenant_id text PRIMARY KEY)",
                parent, "ALTER TABLE {s}.parent ADD FOREIGN KEY (tenant_id) REFERENCES {s}_other.t",
            ], expected: [(.foreignKeyOutsideSchema, "parent")]),
        Case(
            name: "an int identity column in a distributed table", declaration: "d distributed",
            ddl: [
                "CREATE TABLE {s}.d (tenant_id text NOT NULL, id int GENERATED ALWAYS AS IDENTITY, PRIMARY KEY (tenant_id, id))"
            ], expected: [(.identityNotBigint, "d")]),
        // Allowed shapes: nothing to report.
        Case(
            name: "allowed: distributed → reference, reference → reference, bigint identity",
            declaration: "kinds reference\ncodes reference\nd distributed",
            ddl: [
                "CREATE TABLE {s}.kinds (kind text PRIMARY KEY)",
                "CREATE TABLE {s}.codes (code text PRIMARY KEY, kind text REFERENCES {s}.kinds)",
                """
                CREATE TABLE {s}.d (tenant_id text NOT NULL, id bigint GENERATED ALWAYS AS IDENTITY,
                    code text REFERENCES {s}.codes, PRIMARY KEY (tenant_id, id))
                """,
            ], expected: []),
        Case(
            name: "allowed: a partitioned distributed table, its partitions unnamed",
            declaration: "p distributed\nparent distributed",
            ddl: [
                parent,
                """
                CREATE TABLE {s}.p (tenant_id text NOT NULL, id int, at timestamptz NOT NULL,
                    PRIMARY KEY (tenant_id, id, at), FOREIGN KEY (tenant_id, id) REFERENCES {s}.parent)
                    PARTITION BY RANGE (at)
                """,
                "CREATE TABLE {s}.p_2026_01 PARTITION OF {s}.p FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
            ], expected: []),
    ]

    @Test("each broken rule is reported, and only it", arguments: Array(cases.enumerated()))
    func brokenRule(_ numbered: (offset: Int, element: Case)) async throws {
        let (number, example) = numbered
        let schema = "scratch_\(number)"
        let distribution = try TableDistribution.parse(example.declaration)
        let logger = self.logger
        try await withFreshDatabase(migrate: false) { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"), logger: logger)
                for statement in example.ddl {
                    // Test-only DDL from the constants above; the schema name is this test's own.
                    let sql = statement.replacingOccurrences(of: "{s}", with: schema)
                    try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                }
                let violations = try await CitusRules(distribution: distribution, schema: schema).violations(
                    client: client, logger: logger)
                let found = violations.map { "\($0.rule.rawValue) \($0.table)" }.sorted()
                let expected = example.expected.map { "\($0.0.rawValue) \($0.1)" }.sorted()
                #expect(found == expected, "\(violations)")
            }
        }
    }
}
