import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

/// Every Grafana panel's SQL runs, as the read-only role, against a simulated SOC (issue 8).
@Suite("Grafana dashboards against PostgreSQL")
struct DashboardTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let dashboards = ["ai-value-overview", "handoff-friction", "assistant-drill-down"]

    static func dashboard(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent("Dashboards/dashboards/\(name).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every query a dashboard sends: panel targets, annotations and variable queries.
    struct Query {
        var origin: String
        var sql: String
        var format: String
        var panelType: String
        var namedColumns: [String]
    }

    static func queries(_ d: [String: Any]) -> [Query] {
        var out: [Query] = []
        for panel in d["panels"] as? [[String: Any]] ?? [] {
            let overrides = ((panel["fieldConfig"] as? [String: Any])?["overrides"] as? [[String: Any]]) ?? []
            let named = overrides.compactMap { ($0["matcher"] as? [String: Any])?["options"] as? String }
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                out.append(
                    Query(
                        origin: "panel \(panel["id"] ?? "?") \(panel["title"] ?? "")",
                        sql: target["rawSql"] as? String ?? "",
                        format: target["format"] as? String ?? "table", panelType: panel["type"] as? String ?? "",
                        namedColumns: named))
            }
        }
        for a in ((d["annotations"] as? [String: Any])?["list"] as? [[String: Any]]) ?? [] {
            if let target = a["target"] as? [String: Any], let sql = target["rawSql"] as? String {
                out.append(
                    Query(
                        origin: "annotation \(a["name"] ?? "")", sql: sql, format: "annotation", panelType: "",
                        namedColumns: ["time", "text"]))
            }
        }
        for v in ((d["templating"] as? [String: Any])?["list"] as? [[String: Any]]) ?? []
        where v["type"] as? String == "query" {
            out.append(
                Query(
                    origin: "variable \(v["name"] ?? "")", sql: v["query"] as? String ?? "", format: "variable",
                    panelType: "", namedColumns: []))
        }
        return out
    }

    @Test("structure: valid JSON, unique panel ids, the provisioned data source uid, every panel with SQL")
    func structure() throws {
        let provisioning = try String(
            contentsOf: Self.root.appendingPathComponent("Dashboards/provisioning/datasources/baton.yaml"),
            encoding: .utf8)
        let uid = try #require(
            provisioning.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("uid:") }?
                .split(separator: ":").last?.trimmingCharacters(in: .whitespaces))
        var uids = Set<String>()
        for name in Self.dashboards {
            let d = try Self.dashboard(name)
            #expect(uids.insert(d["uid"] as? String ?? "").inserted, "\(name): duplicate dashboard uid")
            let panels = try #require(d["panels"] as? [[String: Any]])
            let ids = panels.compactMap { $0["id"] as? Int }
            #expect(ids.count == panels.count && Set(ids).count == ids.count, "\(name): panel ids must be unique")
            #expect(d["timezone"] as? String == "utc", "\(name): times in UTC")
            for panel in panels {
                #expect((panel["datasource"] as? [String: Any])?["uid"] as? String == uid, "\(name): panel data source")
                #expect(panel["gridPos"] != nil)
                let targets = panel["targets"] as? [[String: Any]] ?? []
                #expect(!targets.isEmpty, "\(name): panel \(panel["id"] ?? "?") has no query")
                for t in targets {
                    #expect((t["datasource"] as? [String: Any])?["uid"] as? String == uid)
                    let sql = t["rawSql"] as? String ?? ""
                    // Time ranges come from Grafana's macros, never fixed dates.
                    #expect(
                        sql.contains("$__time") || sql.contains("$__unixEpoch"),
                        "\(name): \(panel["title"] ?? ""): no time macro")
                    #expect(
                        sql.range(of: #"'20\d\d-"#, options: .regularExpression) == nil, "\(name): fixed date in SQL")
                    // Grafana's `$__timeGroup(x, '1w')` cuts weeks from the Unix epoch, a Thursday;
                    // weekly panels bucket by `date_trunc('week', x, 'UTC')`, Monday as the report does.
                    #expect(!sql.contains("'1w')"), "\(name): \(panel["title"] ?? ""): epoch-aligned weeks")
                    if sql.contains("date_trunc('week'") {
                        #expect(sql.contains(", 'UTC') AS time"), "\(name): weeks cut in UTC")
                    }
                }
                for link in Self.dataLinks(panel) where link.contains("__value") {
                    // Workflow ids may hold `/`, `#`, spaces: the link encodes the value.
                    #expect(link.contains("${__value.raw:percentencode}"), "\(name): data link \(link)")
                }
            }
        }
    }

    /// The data-link URLs of a panel's field overrides and defaults.
    static func dataLinks(_ panel: [String: Any]) -> [String] {
        func links(_ value: Any) -> [String] {
            if let object = value as? [String: Any] {
                if let url = object["url"] as? String { return [url] }
                return object.values.flatMap(links)
            }
            if let array = value as? [Any] { return array.flatMap(links) }
            return []
        }
        return links(panel["fieldConfig"] ?? [:])
    }

    @Test("a panel only selects: a figure's logic (CTEs, joins, percentiles) lives in SQL/views/, defined once")
    func panelsOnlySelect() throws {
        for name in Self.dashboards {
            for q in Self.queries(try Self.dashboard(name)) {
                for logic in ["WITH ", "percentile_cont", "JOIN "] where q.sql.contains(logic) {
                    Issue.record("\(name) \(q.origin): '\(logic)' in a panel; define the figure in SQL/views/")
                }
            }
        }
    }

    @Test("the macro expander does what Grafana does")
    func macros() throws {
        let m = GrafanaMacros(
            from: Date(timeIntervalSince1970: 1_767_571_200), to: Date(timeIntervalSince1970: 1_775_347_200),
            variables: ["tenant": "soc-1", "tenant_name": "x"])
        #expect(
            try m.expand("WHERE $__timeFilter(w.opened_at) AND t = '$tenant' AND u = '${tenant_name}'")
                == "WHERE w.opened_at BETWEEN '2026-01-05T00:00:00Z' AND '2026-04-05T00:00:00Z' AND t = 'soc-1' AND u = 'x'"
        )
        #expect(
            try m.expand("SELECT $__timeGroupAlias(date_trunc('day', x), '1d'), 1")
                == "SELECT floor(extract(epoch from date_trunc('day', x))/86400)*86400 AS \"time\", 1")
        #expect(try m.expand("$__unixEpochFilter(e)") == "e >= 1767571200 AND e <= 1775347200")
        #expect(try m.expand("$__timeFrom() .. $__timeTo()") == "'2026-01-05T00:00:00Z' .. '2026-04-05T00:00:00Z'")
        #expect(throws: GrafanaMacros.UnknownMacro.self) { try m.expand("$__interval_ms_nope(x)") }
    }

    static func checkInterventionAnnotation(_ rows: [[String: PostgresCell]]?, at date: Timestamp) throws {
        let row = try #require(rows?.first)
        let text = try #require(row["text"]).decode(String.self)
        let time = try #require(row["time"]).decode(Date.self)
        #expect(text == "#1 Pre-approve standard containment actions (handoff-class edr→soar)")
        #expect(time == Date(timeIntervalSince1970: Double(date.microseconds) / 1e6))
    }

    static func recordIntervention(_ storage: PostgresStorage, on date: Timestamp) async throws {
        let input = InterventionInput(
            date: date, target: try InterventionTarget(kind: .handoffClass, "edr→soar"),
            description: "Pre-approve standard containment actions")
        _ = try await storage.interventions.addIntervention(
            input, tenant: "soc-1", by: nil, logger: TestDatabase.logger)
    }

    @Test(
        "every panel's SQL runs as baton_reader on a simulated SOC, returns the columns its format needs and rows; the reader cannot read tables; numbers agree with the report"
    )
    func panelsRun() async throws {
        var defaults = try Scenario.bundledDefault()
        defaults.workflows = 1_500
        let scenario = defaults
        let sim = SOCSimulator(scenario: scenario, seed: 11)
        let start = scenario.startTimestamp!
        let end = start.adding(microseconds: Int64(scenario.days * 86_400) * 1_000_000)
        try await withFreshStorage { storage in
            _ = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger).load()
            // An intervention, so that the annotations have one (the default scenario records none).
            try await Self.recordIntervention(storage, on: start.adding(microseconds: 30 * 86_400_000_000))
            // The rollups panel reads what `baton serve`'s maintenance service keeps; one pass makes it.
            let pass = try await storage.maintenance.maintain(
                now: end, retentionMonths: nil, logger: TestDatabase.logger)
            #expect(!pass.monthsRolledUp.isEmpty)
            // The rollups hold the same closed cases and lead time as the rows they sum.
            let sums = try await storage.database.client.query(
                """
                SELECT (SELECT sum(closed)::int8 FROM workflow_rollups WHERE tenant_id = 'soc-1'),
                       (SELECT count(*)::int8 FROM workflows WHERE tenant_id = 'soc-1' AND lead_us IS NOT NULL),
                       (SELECT sum(lead_us)::int8 FROM workflow_rollups WHERE tenant_id = 'soc-1'),
                       (SELECT sum(lead_us)::int8 FROM workflows WHERE tenant_id = 'soc-1')
                """, logger: TestDatabase.logger
            ).collect(as: (Int64, Int64, Int64, Int64).self).first
            #expect(sums.map { $0.0 == $0.1 && $0.2 == $0.3 && $0.1 > 0 } == true, "\(String(describing: sums))")
            let assistant = scenario.assistants.first!.name
            let macros = GrafanaMacros(
                from: Date(timeIntervalSince1970: Double(start.microseconds) / 1e6),
                to: Date(timeIntervalSince1970: Double(end.microseconds) / 1e6),
                variables: ["tenant": "soc-1", "assistant": assistant, "baton_url": "http://127.0.0.1:8080"])
            var results: [String: [[String: PostgresCell]]] = [:]
            for name in Self.dashboards {
                for q in Self.queries(try Self.dashboard(name)) {
                    let sql = try macros.expand(q.sql)
                    #expect(!sql.contains("$"), "\(name) \(q.origin): unexpanded variable or macro")
                    let rows = try await Self.asReader(storage.database.client, sql)
                    results["\(name)/\(q.origin)"] = rows
                    #expect(!rows.isEmpty, "\(name) \(q.origin): no rows")
                    guard let first = rows.first else { continue }
                    let numeric: Set<PostgresDataType> = [.float8, .float4, .numeric, .int8, .int4, .int2]
                    // Weekly panels: their own date_trunc, or a figure function's `week` or `week_start`.
                    if ["date_trunc('week'", "week AS time", "week_start"].contains(where: { q.sql.contains($0) }) {
                        // Every weekly bucket starts on a Monday at 00:00 UTC, as the report's weeks do.
                        for row in rows {
                            let time = try #require(try row["time"]?.decode(Date.self), "\(name) \(q.origin)")
                            var calendar = Calendar(identifier: .gregorian)
                            calendar.timeZone = TimeZone(identifier: "UTC")!
                            let parts = calendar.dateComponents([.weekday, .hour, .minute, .second], from: time)
                            #expect(
                                parts.weekday == 2 && parts.hour == 0 && parts.minute == 0 && parts.second == 0,
                                "\(name) \(q.origin): week bucket \(time) is not a Monday at 00:00 UTC")
                        }
                    }
                    switch q.format {
                    case "time_series":
                        #expect(
                            first["time"].map { numeric.contains($0.dataType) || $0.dataType == .timestamptz } == true,
                            "\(name) \(q.origin): a time series needs a numeric or timestamptz column named time")
                        #expect(
                            first.contains { $0.key != "time" && numeric.contains($0.value.dataType) },
                            "\(name) \(q.origin): a time series needs a numeric value column")
                    case "annotation":
                        #expect(
                            first["time"] != nil && first["text"] != nil, "\(name) \(q.origin): needs time and text")
                    default:
                        for column in q.namedColumns {
                            #expect(first[column] != nil, "\(name) \(q.origin): no column \(column)")
                        }
                        if q.panelType == "stat" || q.panelType == "bargauge" {
                            #expect(
                                first.values.contains { numeric.contains($0.dataType) },
                                "\(name) \(q.origin): no number")
                        }
                    }
                }
            }

            // The reader is refused every table, tokens included.
            for table in [
                "public.workflows", "public.tasks", "public.handoffs", "public.handoff_tags", "public.api_tokens",
                "public.reporting_reader_tenants", "report_source.tasks", "report_source.workflows",
                "public.interventions", "report_source.interventions",
            ] {
                await #expect(throws: (any Error).self, "baton_reader could read \(table)") {
                    _ = try await Self.asReader(storage.database.client, "SELECT 1 FROM \(table) LIMIT 1")
                }
            }

            // The panels show the report's own point estimates.
            let input = try await storage.reports.reportInput(
                tenant: "soc-1", from: start, to: end, logger: TestDatabase.logger)
            let report = ValueReportBuilder().build(input)
            let effects = try #require(
                results["ai-value-overview/panel 2 Lead-time change of touched cases (eligible cases, like with like)"])
            let drill = try #require(
                results["assistant-drill-down/panel 2 Effect on the cases it touched (eligible cases, like with like)"])
            #expect(drill.count == 1)
            // The intervention annotation: at its date, naming the change and its target.
            try Self.checkInterventionAnnotation(
                results["ai-value-overview/annotation Interventions"],
                at: start.adding(microseconds: 30 * 86_400_000_000))
            let speedups = try #require(results["ai-value-overview/panel 1 Task speedup per assistant and task type"])
            var compared = 0
            for a in report.assistants {
                guard let e = a.workflowEffect else { continue }
                let row = try #require(effects.first { (try? $0["assistant"]?.decode(String.self)) == a.name })
                #expect(try row["time_block"]?.decode(String.self) == e.timeBlock, "\(a.name): time block")
                #expect(try row["touched_cases"]?.decode(Int64.self) == Int64(e.treatedWorkflows), "\(a.name)")
                let coverage = try row["coverage"]?.decode(Double?.self)
                #expect(abs((coverage ?? .nan) - (e.coverage ?? .nan)) < 1e-12, "\(a.name): coverage")
                let panel = try row["delta_lead_hours"]?.decode(Double?.self)
                if let dL = e.deltaLeadHours.value {
                    let value = try #require(panel, "\(a.name): the panel has no ΔL where the report has one")
                    #expect(abs(value - dL) < 1e-9, "\(a.name): panel ΔL \(value), report \(dL)")
                    let touch = try #require(try row["delta_touch_hours"]?.decode(Double?.self))
                    #expect(abs(touch - (e.deltaTouchHours.value ?? .nan)) < 1e-9, "\(a.name): ΔA")
                    let reduction = try #require(try row["lead_reduction"]?.decode(Double?.self))
                    #expect(abs(reduction - (a.realizedLeadReduction.value ?? .nan)) < 1e-9, "\(a.name): reduction")
                    compared += 1
                } else {
                    #expect(panel == nil, "\(a.name): the panel shows a ΔL the report calls insufficient")
                }
                for s in a.taskSpeedups {
                    guard let value = s.speedup.value else { continue }
                    let row = try #require(
                        speedups.first {
                            (try? $0["assistant"]?.decode(String.self)) == a.name
                                && (try? $0["task_type"]?.decode(String.self)) == s.taskType
                        })
                    let panel = try #require(try row["speedup"]?.decode(Double.self))
                    #expect(abs(panel - value) < 1e-9, "\(a.name) \(s.taskType): panel \(panel), report \(value)")
                }
            }
            #expect(compared >= 3, "only \(compared) assistants had a workflow effect to compare")
            // The claimed effort panel is the report's effort saved (held against the simulator's
            // truth by the validation), and the context panel its readiness share.
            let effort = try #require(results["ai-value-overview/panel 3 Effort hours saved (claimed, task level)"])
            let effortByName = Dictionary(
                uniqueKeysWithValues: try effort.map { row in
                    (
                        try #require(try row["assistant"]?.decode(String.self)),
                        try row["effort_saved_hours"]?.decode(Double.self)
                    )
                })
            let claimed = report.assistants.compactMap { a in a.effortSavedHours.value.map { (a.name, $0) } }
            #expect(claimed.count >= 3)
            for (name, hours) in claimed {
                let panel = effortByName[name] ?? nil
                #expect(
                    panel.map { abs($0 - hours) < 1e-6 } == true,
                    "\(name): panel \(String(describing: panel)), report \(hours)")
            }
            let context = try #require(results["handoff-friction/panel 5 Handoffs carrying context"]?.first)
            let share = try context["carrying context"]?.decode(Double.self)
            let reported = try #require(report.readiness.handoffsWithContextShare)
            #expect(
                share.map { abs($0 - reported) < 1e-12 } == true,
                "panel \(String(describing: share)), report \(reported)")
        }
    }

    @Test("a reader role mapped to one tenant sees only that tenant")
    func tenantScoping() async throws {
        try await withFreshStorage { storage in
            for tenant in ["soc-a", "soc-b"] {
                try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: TestDatabase.logger)
                _ = try await storage.ingest.ingest(
                    [Fixtures.workflow("WF-\(tenant)", closed: 60)], tenant: tenant, logger: TestDatabase.logger)
            }
            // Roles are cluster-wide: a unique name per run, dropped afterwards.
            let role = "baton_reader_test_\(UInt32.random(in: 0...UInt32.max))"
            try await storage.database.client.query(
                PostgresQuery(unsafeSQL: "CREATE ROLE \(role) NOLOGIN IN ROLE baton_reader"))
            try await storage.database.client.query(
                "INSERT INTO reporting_reader_tenants (role_name, tenant_id) VALUES (\(role), 'soc-b')")
            let tenants = try await Self.asReader(
                storage.database.client, "SELECT tenant_id FROM reporting.workflows ORDER BY 1", role: role)
            let all = try await Self.asReader(
                storage.database.client, "SELECT tenant_id FROM reporting.workflows ORDER BY 1")
            try await storage.database.client.query("DELETE FROM reporting_reader_tenants WHERE role_name = \(role)")
            try await storage.database.client.query(PostgresQuery(unsafeSQL: "DROP ROLE \(role)"))
            #expect(tenants.map { try? $0["tenant_id"]?.decode(String.self) } == ["soc-b"])
            #expect(all.count == 2)
        }
    }

    /// Runs `sql` in a read-only transaction as `role` (default `baton_reader`); rows as name → cell.
    static func asReader(_ client: PostgresClient, _ sql: String, role: String = "baton_reader") async throws
        -> [[String: PostgresCell]]
    {
        try await client.withTransaction(logger: TestDatabase.logger) { connection in
            for statement in ["SET TRANSACTION READ ONLY", "SET LOCAL ROLE \(role)"] {
                for try await _ in try await connection.query(
                    PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
                {}
            }
            var rows: [[String: PostgresCell]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger)
            {
                var cells: [String: PostgresCell] = [:]
                for cell in row { cells[cell.columnName] = cell }
                rows.append(cells)
            }
            return rows
        }
    }
}
