import PostgresNIO

/// The statement every assignment runs: inserts the first asks of the experiments that still run
/// and reads back every asked case's stored arm and time (the rows inserted now from `RETURNING`,
/// the older ones from the table), and says per case whether its experiment still runs.
///
/// A prepared statement (each pooled connection parses and plans it once), with binds like every
/// other statement: an assignment is in the calling tool's critical path, and parsing and
/// planning this statement took most of PostgreSQL's time per ask (`perf`, issue 20's benchmark).
/// The stored rows are read by one primary-key probe per case (`JOIN LATERAL … OFFSET 0`, which keeps it from being flattened into a join): the generic plan
/// of a plain join hashed the whole assignments table on every ask.
struct RecordAssignments: PostgresPreparedStatement {
    typealias Row = (String, String, String?, Int64?, Bool)

    static let sql = """
        WITH req AS (
            SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS r(workflow_id, experiment, arm)
        ), live AS (
            SELECT e.name FROM experiments AS e
            WHERE e.tenant_id = $1 AND e.name IN (SELECT DISTINCT experiment FROM req)
              AND e.stopped_at IS NULL AND e.starts_at <= now() AND (e.ends_at IS NULL OR e.ends_at > now())
        ), ins AS (
            INSERT INTO experiment_assignments (tenant_id, experiment, workflow_id, arm)
            SELECT $1, r.experiment, r.workflow_id, r.arm FROM req AS r JOIN live ON live.name = r.experiment
            ON CONFLICT (tenant_id, experiment, workflow_id) DO NOTHING
            RETURNING experiment, workflow_id, arm, assigned_at
        )
        SELECT r.experiment, r.workflow_id, COALESCE(i.arm, a.arm),
               (extract(epoch FROM COALESCE(i.assigned_at, a.assigned_at)) * 1000000)::int8,
               EXISTS (SELECT 1 FROM live WHERE live.name = r.experiment)
        FROM req AS r
        LEFT JOIN ins AS i ON i.experiment = r.experiment AND i.workflow_id = r.workflow_id
        LEFT JOIN LATERAL (
            SELECT x.arm, x.assigned_at FROM experiment_assignments AS x
            WHERE x.tenant_id = $1 AND x.experiment = r.experiment AND x.workflow_id = r.workflow_id OFFSET 0
        ) AS a ON true
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
