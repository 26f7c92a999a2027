import BatonStore
import BatonTestSupport
import PostgresNIO

/// The rows of a database's tables as JSON, to load into a database at an older schema: how the
/// migration tests build "an archive of the previous schema" from rows today's ingest wrote.
enum SchemaArchive {
    /// Each table's rows as one JSON array, with the columns `dropping` names for it left out
    /// (such as a generated column, which cannot be inserted).
    static func dump(
        _ client: PostgresClient, tables: [String], dropping columns: [String: [String]] = [:], logger: Logger
    ) async throws -> [String: String] {
        var archive: [String: String] = [:]
        for table in tables {
            let drop = (columns[table] ?? []).map { " - '\($0)'" }.joined()
            // Table and column names are the tests' constants.
            archive[table] =
                try await client.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT COALESCE(jsonb_agg(to_jsonb(r)\(drop)), '[]')::text FROM \(table) AS r"),
                    logger: logger
                ).collectValues(String.self).first ?? "[]"
        }
        return archive
    }

    /// Inserts the archive's rows into the same tables of an older schema (columns it does not
    /// know are ignored by `jsonb_populate_recordset`, generated columns are left to compute
    /// themselves; tag ids are kept).
    static func restore(
        _ archive: [String: String], tables: [String], into client: PostgresClient, logger: Logger
    ) async throws {
        for table in tables {
            let overriding = table == "handoff_tags" ? "OVERRIDING SYSTEM VALUE" : ""
            let columns =
                try await client.query(
                    """
                    SELECT string_agg(quote_ident(column_name::text), ', ' ORDER BY ordinal_position)
                    FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = \(table) AND is_generated = 'NEVER'
                    """, logger: logger
                ).collectValues(String.self).first ?? "*"
            var binds = PostgresBindings()
            binds.append(archive[table] ?? "[]")
            try await client.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO \(table) (\(columns)) \(overriding)
                        SELECT \(columns) FROM jsonb_populate_recordset(NULL::\(table), $1::jsonb)
                        """, binds: binds),
                logger: logger
            ).drain()
        }
    }
}
