import Logging
package import PostgresNIO

/// Checks a schema against the rules Citus imposes on distributed and reference tables, so the
/// schema stays distributable by `tenant_id` as migrations add to it (`Docs/scaling.md`).
///
/// It reads the catalog of a plain PostgreSQL database; Citus itself is not needed.
package struct CitusRules: Sendable {
    /// What a schema does that Citus would refuse (or that would break co-location by tenant).
    package enum Rule: String, Sendable, CaseIterable {
        /// A table the declaration does not classify.
        case unclassified
        /// A declared table that does not exist.
        case declaredTableMissing
        /// A distributed table without a NOT NULL `tenant_id`.
        case tenantColumn
        /// Distributed tables whose `tenant_id` types differ (Citus co-locates equal types only).
        case tenantColumnType
        /// A primary key, unique constraint or unique index of a distributed table without `tenant_id`.
        case uniqueWithoutTenant
        /// An exclusion constraint of a distributed table without `tenant_id`.
        case exclusionWithoutTenant
        /// A foreign key between distributed tables that does not pair `tenant_id` with `tenant_id`.
        case foreignKeyWithoutTenant
        /// A foreign key from a reference table to a distributed one.
        case foreignKeyFromReference
        /// A foreign key between a local table and a distributed one (either way).
        case foreignKeyWithLocal
        /// A foreign key to or from a table outside the checked schema.
        case foreignKeyOutsideSchema
        /// An identity column of a distributed table that is not bigint (Citus needs bigint ranges per node).
        case identityNotBigint
    }

    /// One broken rule, naming the table and the constraint, index or column concerned.
    package struct Violation: Sendable, Hashable, CustomStringConvertible {
        package var rule: Rule
        package var table: String
        package var detail: String
        package var description: String { "\(table): \(rule.rawValue) (\(detail))" }
    }

    package var distribution: TableDistribution
    /// The schema whose tables the declaration classifies.
    package var schema: String

    package init(distribution: TableDistribution, schema: String = "public") {
        self.distribution = distribution
        self.schema = schema
    }

    /// Every violation in the database `client` reaches, sorted by table and rule.
    package func violations(client: PostgresClient, logger: Logger) async throws -> [Violation] {
        var found: [Violation] = []
        let tables = try await client.query(
            """
            SELECT c.relname::text FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            """, logger: logger
        ).collectValues(String.self)
        for table in tables where distribution.placement(of: table) == nil {
            found.append(Violation(rule: .unclassified, table: table, detail: "not in SQL/distribution.txt"))
        }
        for declared in distribution.tables where !tables.contains(declared.name) {
            found.append(Violation(rule: .declaredTableMissing, table: declared.name, detail: "no such table"))
        }
        let distributed = Set(tables.filter { distribution.placement(of: $0) == .distributed })

        // tenant_id of every table: present, NOT NULL, one type across the distributed tables.
        let columns = try await client.query(
            """
            SELECT c.relname::text, a.attnotnull, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND a.attname = 'tenant_id' AND a.attnum > 0 AND NOT a.attisdropped
            """, logger: logger
        ).collect(as: (String, Bool, String).self)
        let tenantColumns = Dictionary(columns.map { ($0.0, (notNull: $0.1, type: $0.2)) }) { first, _ in first }
        for table in distributed.sorted() {
            guard let column = tenantColumns[table] else {
                found.append(Violation(rule: .tenantColumn, table: table, detail: "no tenant_id column"))
                continue
            }
            if !column.notNull {
                found.append(Violation(rule: .tenantColumn, table: table, detail: "tenant_id may be NULL"))
            }
        }
        let types = Dictionary(grouping: distributed.compactMap { t in tenantColumns[t].map { (t, $0.type) } }) {
            $0.1
        }
        if types.count > 1 {
            // The most common type is taken as intended; each table with another one is named.
            let common = types.max { a, b in (a.value.count, b.key) < (b.value.count, a.key) }!.key
            for (type, members) in types where type != common {
                for (table, _) in members {
                    found.append(
                        Violation(
                            rule: .tenantColumnType, table: table, detail: "tenant_id is \(type), elsewhere \(common)"))
                }
            }
        }

        // Primary keys, unique constraints and unique indexes (key columns only: an INCLUDE
        // column does not make a key unique per shard; an expression is never tenant_id).
        let uniques = try await client.query(
            """
            SELECT c.relname::text, ic.relname::text,
                   ARRAY(SELECT COALESCE(a.attname::text, '(expression)')
                         FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
                         LEFT JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE k.position <= i.indnkeyatts ORDER BY k.position)
            FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indrelid JOIN pg_class AS ic ON ic.oid = i.indexrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND i.indisunique
            """, logger: logger
        ).collect(as: (String, String, [String]).self)
        for (table, index, keys) in uniques where distributed.contains(table) && !keys.contains("tenant_id") {
            found.append(
                Violation(
                    rule: .uniqueWithoutTenant, table: table,
                    detail: "\(index) on (\(keys.joined(separator: ", ")))"))
        }

        // Constraints: exclusion constraints, and foreign keys with both ends' columns in order.
        // Constraints a partition inherits from its parent are checked once, on the parent.
        let constraints = try await client.query(
            """
            SELECT con.conname::text, con.contype::text, sn.nspname::text, s.relname::text,
                   COALESCE(tn.nspname::text, ''), COALESCE(t.relname::text, ''),
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                         JOIN pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                         ORDER BY k.position),
                   ARRAY(SELECT a.attname::text FROM unnest(COALESCE(con.confkey, '{}')) WITH ORDINALITY
                             AS k(attnum, position)
                         JOIN pg_attribute AS a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                         ORDER BY k.position)
            FROM pg_constraint AS con
            JOIN pg_class AS s ON s.oid = con.conrelid JOIN pg_namespace AS sn ON sn.oid = s.relnamespace
            LEFT JOIN pg_class AS t ON t.oid = con.confrelid LEFT JOIN pg_namespace AS tn ON tn.oid = t.relnamespace
            WHERE con.contype IN ('f', 'x') AND con.conparentid = 0 AND NOT s.relispartition
              AND (sn.nspname = \(schema) OR tn.nspname = \(schema))
            """, logger: logger
        ).collect(as: (String, String, String, String, String, String, [String], [String]).self)
        for (name, kind, sourceSchema, source, targetSchema, target, keys, referenced) in constraints {
            if kind == "x" {
                if distributed.contains(source) && !keys.contains("tenant_id") {
                    found.append(Violation(rule: .exclusionWithoutTenant, table: source, detail: name))
                }
                continue
            }
            guard sourceSchema == schema, targetSchema == schema else {
                let (table, other) =
                    sourceSchema == schema
                    ? (source, "\(targetSchema).\(target)") : (target, "\(sourceSchema).\(source)")
                found.append(Violation(rule: .foreignKeyOutsideSchema, table: table, detail: "\(name) with \(other)"))
                continue
            }
            let (from, to) = (distribution.placement(of: source), distribution.placement(of: target))
            switch (from, to) {
            case (.distributed, .distributed):
                let paired = zip(keys, referenced).contains { $0 == "tenant_id" && $1 == "tenant_id" }
                if !paired {
                    found.append(
                        Violation(
                            rule: .foreignKeyWithoutTenant, table: source,
                            detail:
                                "\(name): (\(keys.joined(separator: ", "))) → \(target) (\(referenced.joined(separator: ", ")))"
                        ))
                }
            case (.reference, .distributed):
                found.append(Violation(rule: .foreignKeyFromReference, table: source, detail: "\(name) → \(target)"))
            case (.local, .distributed), (.distributed, .local):
                found.append(Violation(rule: .foreignKeyWithLocal, table: source, detail: "\(name) → \(target)"))
            default:
                // Distributed → reference, between reference tables, and local ↔ reference are
                // allowed; an unclassified end is already reported as such.
                break
            }
        }

        // Identity columns: Citus gives each node its own range of a bigint sequence.
        let identities = try await client.query(
            """
            SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND a.attidentity <> '' AND a.attnum > 0 AND NOT a.attisdropped
            """, logger: logger
        ).collect(as: (String, String, String).self)
        for (table, column, type) in identities where distributed.contains(table) && type != "bigint" {
            found.append(Violation(rule: .identityNotBigint, table: table, detail: "\(column) is \(type)"))
        }
        return found.sorted { ($0.table, $0.rule.rawValue, $0.detail) < ($1.table, $1.rule.rawValue, $1.detail) }
    }
}
