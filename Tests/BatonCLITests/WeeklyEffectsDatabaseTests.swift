import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI
@testable import BatonCore

/// The dashboards' weekly trend (issue 22): `reporting.assistant_weekly_effects` (migration 0017)
/// against the value report's weekly points, on a simulated SOC stored in PostgreSQL.
@Suite("Weekly effects in SQL against the report's trend")
struct WeeklyEffectsDatabaseTests {
    /// One row of `reporting.assistant_weekly_effects`.
    struct Row {
        var treated: Int64
        var control: Int64
        var coverage: Double?
        var timeBlock: String
        var deltaLead: Double?
        var deltaTouch: Double?
        var deltaTouchSE: Double?
        var reduction: Double?
        var capture: Double?
    }

    /// The default scenario at `workflows` cases, and its period as timestamps and as dates.
    static func simulated(workflows: Int, seed: UInt64) throws -> (
        sim: SOCSimulator, from: Timestamp, to: Timestamp, fromDate: Date, toDate: Date
    ) {
        var scenario = try Scenario.bundledDefault()
        scenario.workflows = workflows
        let sim = SOCSimulator(scenario: scenario, seed: seed)
        let (from, to) = sim.reportPeriod
        return (
            sim, from, to, Date(timeIntervalSince1970: Double(from.microseconds) / 1e6),
            Date(timeIntervalSince1970: Double(to.microseconds) / 1e6)
        )
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-12
    }

    @Test(
        "every assistant-week: the SQL's counts, ΔL, ΔA and reduction are the report's, NULL where it is insufficient; capture shown alike in at least 90% of weeks",
        .timeLimit(.minutes(10)))
    func weeklyAgainstReport() async throws {
        let (sim, from, to, fromDate, toDate) = try Self.simulated(workflows: 4_000, seed: 23)
        var options = ReportOptions()
        options.weeklyTrends = true
        // The floor, so that most weeks have a figure to compare.
        options.minimumSample = ReportOptions.minimumSampleFloor
        let minimum = options.effectiveMinimumSample
        let (input, rows) = try await withFreshStorage { storage in
            _ = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger).load()
            let input = try await storage.reports.reportInput(
                tenant: "soc-1", from: from, to: to, logger: TestDatabase.logger)
            var rows: [String: Row] = [:]
            let query: PostgresQuery = """
                SELECT assistant, week_start::text, treated_cases, control_cases, coverage, time_block,
                       delta_lead_hours, delta_touch_hours, delta_touch_se_hours, lead_reduction, value_capture
                FROM reporting.assistant_weekly_effects(\("soc-1"), \(fromDate), \(toDate), \(Int32(minimum)))
                """
            for try await r in try await storage.database.client.query(query, logger: TestDatabase.logger).decode(
                (
                    String, String, Int64, Int64, Double?, String, Double?, Double?, Double?, Double?, Double?
                ).self)
            {
                rows["\(r.0) \(r.1)"] = Row(
                    treated: r.2, control: r.3, coverage: r.4, timeBlock: r.5, deltaLead: r.6, deltaTouch: r.7,
                    deltaTouchSE: r.8, reduction: r.9, capture: r.10)
            }
            return (input, rows)
        }
        let builder = ValueReportBuilder(options: options)
        let report = builder.build(input)
        var matched = Set<String>()
        var (sufficient, agree, bothShown, workGrew) = (0, 0, 0, 0)
        var seRatios: [Double] = []
        for plan in builder.plans(input) where !plan.isPortfolio && plan.code != nil {
            let figures = WorkflowEffectEstimator(options: options).weeklyFigures(plan, input, seed: plan.seed &+ 900)
            // The figures are the report's own weekly points.
            #expect(figures.map(\.week) == report.assistants.first { $0.name == plan.name }?.weekly)
            for (week, result) in figures {
                let key = "\(plan.name) \(week.weekStart)"
                let effect = result?.effect
                guard let effect, effect.treatedWorkflows + effect.controlWorkflows > 0 else {
                    // No eligible case after the rollout, or none touched: no figure either way.
                    if let row = rows[key] {
                        matched.insert(key)
                        #expect(row.treated == 0 && row.deltaLead == nil, "\(key): SQL has a figure")
                    }
                    #expect(week.realizedLeadReduction.value == nil, "\(key)")
                    continue
                }
                let row = try #require(rows[key], "\(key): no SQL row")
                matched.insert(key)
                #expect(row.treated == Int64(effect.treatedWorkflows), "\(key): treated")
                #expect(row.control == Int64(effect.controlWorkflows), "\(key): control")
                #expect(row.timeBlock == effect.timeBlock, "\(key): time block")
                for (name, sql, swift) in [
                    ("coverage", row.coverage, effect.coverage),
                    ("ΔL", row.deltaLead, effect.deltaLeadHours.value),
                    ("ΔA", row.deltaTouch, effect.deltaTouchHours.value),
                    ("reduction", row.reduction, week.realizedLeadReduction.value),
                ] {
                    switch (sql, swift) {
                    case (let a?, let b?): #expect(Self.close(a, b), "\(key) \(name): SQL \(a), report \(b)")
                    case (nil, nil): break
                    default:
                        Issue.record(
                            "\(key) \(name): SQL \(String(describing: sql)), report \(String(describing: swift))")
                    }
                }
                guard effect.deltaTouchHours.value != nil else { continue }
                sufficient += 1
                let shown = week.valueCaptureRatio?.value
                if (row.capture != nil) == (shown != nil) {
                    agree += 1
                } else if (effect.deltaTouchHours.value ?? 0) >= 0 {
                    // The report also shows a ratio when work grew significantly; the SQL does not.
                    workGrew += 1
                }
                if let a = row.capture, let b = shown {
                    bothShown += 1
                    #expect(Self.close(a, b), "\(key) capture: SQL \(a), report \(b)")
                }
                if let se = row.deltaTouchSE, let low = effect.deltaTouchHours.low,
                    let high = effect.deltaTouchHours.high,
                    high > low
                {
                    seRatios.append(se / ((high - low) / (2 * 1.96)))
                }
            }
        }
        #expect(Set(rows.keys).subtracting(matched).isEmpty, "SQL rows of no report week")
        seRatios.sort()
        let median = seRatios.isEmpty ? .nan : seRatios[seRatios.count / 2]
        print(
            "weekly effects: \(rows.count) SQL rows, \(sufficient) sufficient assistant-weeks; capture shown/hidden agree in \(agree) (\(sufficient > 0 ? Double(agree) / Double(sufficient) : .nan)), both shown \(bothShown), of the \(sufficient - agree) differing \(workGrew) where work grew (ΔA > 0); analytic SE / bootstrap-implied SE of ΔA: median \(median), range \(seRatios.first ?? .nan)–\(seRatios.last ?? .nan)"
        )
        #expect(sufficient >= 20, "only \(sufficient) assistant-weeks to compare")
        #expect(bothShown > 0, "no week where both show a capture ratio")
        #expect(Double(agree) >= 0.9 * Double(sufficient), "capture decisions agree in \(agree) of \(sufficient)")
        // The analytic standard error is the bootstrap's spread, as the 1.96 rule assumes.
        #expect(median > 0.8 && median < 1.25, "median SE ratio \(median)")
    }

    @Test(
        "reporting.assistant_effects, now a wrapper of the shared body, returns what migration 0011's body returns: the same rows, counts, time blocks and NULLs, figures to 1e-12 (summation order)",
        .timeLimit(.minutes(5)))
    func periodUnchanged() async throws {
        let (sim, _, _, fromDate, toDate) = try Self.simulated(workflows: 2_000, seed: 29)
        // The shipped migration's function, under another schema: the body 0017 replaced.
        let shipped = try String(
            contentsOf: DashboardTests.root.appendingPathComponent("SQL/0011_assistant_effects.sql"), encoding: .utf8
        )
        .replacingOccurrences(of: "reporting.assistant_effects(", with: "shipped_0011.assistant_effects(")
        let counts = try await withFreshStorage { storage in
            _ = try await SimulationLoader(simulator: sim, storage: storage, logger: TestDatabase.logger).load()
            let client = storage.database.client
            try await client.query("CREATE SCHEMA shipped_0011", logger: TestDatabase.logger)
            try await client.query(PostgresQuery(unsafeSQL: shipped), logger: TestDatabase.logger)
            var counts: [(minimum: Int32, rows: Int64, sufficient: Int64, differing: Int64, error: Double)] = []
            for minimum: Int32 in [30, 10] {
                let query: PostgresQuery = """
                    WITH wrapped AS (SELECT * FROM reporting.assistant_effects(\("soc-1"), \(fromDate), \(toDate), \(minimum))),
                         shipped AS (SELECT * FROM shipped_0011.assistant_effects(\("soc-1"), \(fromDate), \(toDate), \(minimum)))
                    SELECT (SELECT count(*) FROM wrapped), (SELECT count(delta_lead_hours) FROM wrapped),
                           (SELECT count(*) FROM wrapped FULL JOIN shipped AS b USING (assistant)
                            WHERE (wrapped.estimator, wrapped.time_block, wrapped.treated_cases, wrapped.control_cases,
                                   wrapped.coverage IS NULL, wrapped.delta_lead_hours IS NULL, wrapped.delta_touch_hours IS NULL,
                                   wrapped.delta_wait_hours IS NULL, wrapped.counterfactual_lead_hours IS NULL,
                                   wrapped.lead_reduction IS NULL)
                                  IS DISTINCT FROM (b.estimator, b.time_block, b.treated_cases, b.control_cases,
                                   b.coverage IS NULL, b.delta_lead_hours IS NULL, b.delta_touch_hours IS NULL,
                                   b.delta_wait_hours IS NULL, b.counterfactual_lead_hours IS NULL,
                                   b.lead_reduction IS NULL)),
                           (SELECT COALESCE(max(abs(p.x - p.y) / greatest(abs(p.x), abs(p.y), 1e-300)), 0)
                            FROM wrapped JOIN shipped AS b USING (assistant)
                            CROSS JOIN LATERAL (VALUES (wrapped.coverage, b.coverage), (wrapped.delta_lead_hours, b.delta_lead_hours),
                                (wrapped.delta_touch_hours, b.delta_touch_hours), (wrapped.delta_wait_hours, b.delta_wait_hours),
                                (wrapped.counterfactual_lead_hours, b.counterfactual_lead_hours),
                                (wrapped.lead_reduction, b.lead_reduction)) AS p(x, y))
                    """
                for try await (rows, sufficient, differing, error) in try await client.query(
                    query, logger: TestDatabase.logger
                ).decode((Int64, Int64, Int64, Double).self) {
                    counts.append((minimum, rows, sufficient, differing, error))
                }
            }
            return counts
        }
        #expect(counts.count == 2)
        for c in counts {
            print(
                "assistant_effects (min sample \(c.minimum)): \(c.rows) rows, \(c.sufficient) with ΔL, \(c.differing) differing from 0011's body; largest relative difference \(c.error)"
            )
            #expect(c.rows >= 3 && c.sufficient >= 1, "min sample \(c.minimum): too little to compare")
            #expect(c.differing == 0, "min sample \(c.minimum): \(c.differing) rows differ")
            #expect(c.error <= 1e-12, "min sample \(c.minimum): figures differ by \(c.error)")
        }
    }
}
