import PostgresNIO

/// The statement every assignment runs: `baton_record_assignments` (`SQL/views/0040_record_assignments.sql`)
/// inserts the first asks of the experiments that still run and reads back every asked case's
/// stored arm and time, and says per case whether its experiment still runs. The function enters
/// the tenant itself, so the statement may run on its own, without a transaction around it.
///
/// A prepared statement (each pooled connection parses and plans it once), with binds like every
/// other statement: an assignment is in the calling tool's critical path, and parsing and
/// planning took most of PostgreSQL's time per ask (`perf`, issue 20's benchmark).
struct RecordAssignments: PostgresPreparedStatement {
    typealias Row = (String, String, String?, Int64?, Bool)

    static let sql = """
        SELECT experiment, workflow_id, arm, assigned_us, live FROM baton_record_assignments($1, $2, $3, $4)
        """

    static var bindingDataTypes: [PostgresDataType] { [.text, .textArray, .textArray, .textArray] }

    var tenant: String
    var workflowIDs: [String]
    var experiments: [String]
    var arms: [String]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(tenant)
        bindings.append(workflowIDs)
        bindings.append(experiments)
        bindings.append(arms)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
