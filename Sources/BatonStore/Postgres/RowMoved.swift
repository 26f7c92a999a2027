import PostgresNIO

/// A row a statement referenced moved or went while the statement ran: a tag written while ingest
/// deleted its handoff (its task moved to another workflow), or moved it to another month
/// (migration 0010), fails its foreign key check (SQLSTATE 23503). The transaction is run again
/// and finds the handoff where it is now, or finds none.
struct RowMoved: Error {
    /// `error` as ``RowMoved`` when it is a foreign key violation (SQLSTATE 23503), else itself.
    static func mapping(_ error: any Error) -> any Error {
        if let psql = error as? PSQLError, psql.serverInfo?[.sqlState] == "23503" { return RowMoved() }
        return error
    }
}
