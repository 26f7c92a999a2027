import Foundation
import Testing

@testable import BatonCore

// Value-model §4: the effect on the cases an assistant touched. Every expected number is worked
// out in the comments from the fixture's own rows.

/// Workflows and tasks for the estimator's tests: one assistant "bot" that works on alert-triage.
enum EffectFixtures {
    typealias F = ReportFixtures
    static let day: Int64 = 86_400 * 1_000_000
    /// Monday 2 March 2026 and Monday 9 March 2026 (F.from, 1 March, is a Sunday).
    static let mondayA = F.from.adding(microseconds: day)
    static let mondayB = F.from.adding(microseconds: 8 * day)

    /// `n` cases with lead `center ± 0.5` h (mean `center` when n is a multiple of 3), touch 1 h,
    /// the rest waiting at siem→soar.
    static func cases(
        _ n: Int, lead center: Double, category: String = "phishing", severity: String = "high",
        touchedBy: Set<String> = [], eligible: Bool = true, openedAt: Timestamp = mondayA
    ) -> [ReportInput.WorkflowObservation] {
        F.spread(center, 0.5, n).map { lead in
            .init(
                category: category, severity: severity, openedAt: openedAt, lead: F.us(hours: lead),
                touch: F.us(hours: 1), intake: 0, closure: 0, classWaits: [F.siemSoar: F.us(hours: lead - 1)],
                aiTouched: !touchedBy.isEmpty, assistants: touchedBy,
                taskTypeTime: eligible ? ["alert-triage": F.us(hours: 0.5)] : [:])
        }
    }

    /// Enough AI alert-triage tasks for bot to serve alert-triage, and a baseline.
    static let tasks =
        F.spread(20, 1, 30).map { F.task("high", minutes: $0) }
        + F.spread(10, 1, 30).map { F.task("high", minutes: $0, assistant: "bot") }

    static func effect(
        _ workflows: [ReportInput.WorkflowObservation], open: [ReportInput.WorkflowObservation] = [],
        assistants: [AssistantMetadata] = [], options: ReportOptions = F.options(resamples: 200)
    ) throws -> ValueReport.WorkflowEffect {
        let input = ReportInput(
            tenant: "soc-a", from: F.from, to: F.to, tasks: tasks, workflows: workflows, openWorkflows: 0,
            inferredOpenings: 0, assistants: assistants, perceptions: [:], friction: F.noFriction,
            readiness: F.noReadiness, open: open)
        let report = ValueReportBuilder(options: options).build(input)
        return try #require(report.assistants.first { $0.name == "bot" }?.workflowEffect)
    }
}

@Suite struct WorkflowEffectEstimatorTests {
    typealias E = EffectFixtures

    @Test("cases that never reached the assistant's step are never controls; the old comparison gets the sign wrong")
    func eligibility() throws {
        // Treated 30 (mean 10 h); eligible controls 30 (mean 12 h, they reached alert-triage);
        // ineligible 30 (mean 4 h: short cases that closed without that step).
        let workflows =
            E.cases(30, lead: 10, touchedBy: ["bot"]) + E.cases(30, lead: 12)
            + E.cases(30, lead: 4, eligible: false)
        let e = try E.effect(workflows)
        #expect(e.estimator == "eligible")
        #expect(!e.confounded)
        #expect(e.treatedWorkflows == 30)
        #expect(e.controlWorkflows == 30)
        // ΔL = 10 − 12 = −2 h; touch is 1 h everywhere, so ΔA = 0 and ΔW = −2 h, all at siem→soar.
        #expect(isClose(e.deltaLeadHours.value, -2))
        #expect(isClose(e.deltaTouchHours.value, 0))
        #expect(isClose(e.deltaWaitHours.value, -2))
        #expect(isClose(e.deltaWaitByClass.first?.deltaHours.value, -2))
        #expect(e.deltaLeadHours.below(0))
        // `untouched` compares with all 60 untouched cases (mean 8 h): +2 h, the wrong sign.
        var options = ReportFixtures.options(resamples: 200)
        options.baseline = .untouched
        let confounded = try E.effect(workflows, options: options)
        #expect(confounded.confounded)
        #expect(confounded.controlWorkflows == 60)
        #expect(isClose(confounded.deltaLeadHours.value, 2))
    }

    @Test("strata include the opening week (Monday, UTC): a slow week does not pass for an effect")
    func weekStrata() throws {
        // Week A: 30 treated (12 h) and 10 controls (10 h); week B: 10 treated (22 h) and 30
        // controls (20 h). Within each week treated cases take 2 h longer: ΔL = 0.75 × 2 + 0.25 × 2
        // = 2 h. Pooled over both weeks it would be 14.5 − 17.5 = −3 h.
        let workflows =
            E.cases(30, lead: 12, touchedBy: ["bot"], openedAt: E.mondayA) + E.cases(12, lead: 10, openedAt: E.mondayA)
            + E.cases(12, lead: 22, touchedBy: ["bot"], openedAt: E.mondayB)
            + E.cases(30, lead: 20, openedAt: E.mondayB)
        let e = try E.effect(workflows)
        #expect(e.timeBlock == "week")
        #expect(e.strata == 2)
        #expect(e.coverage == 1)
        #expect(isClose(e.deltaLeadHours.value, 2))
        // The counterfactual mean: the controls' weighted by the treated mix, 30/42 × 10 + 12/42 × 20.
        #expect(isClose(e.counterfactualMeanLeadHours, (30.0 * 10 + 12 * 20) / 42))
        // Sunday 8 March belongs to week A (Monday 2 March), not to the week of Monday 9 March.
        #expect(TimeBlock.week.key(E.mondayA.microseconds) == TimeBlock.week.key(E.mondayB.microseconds - 1))
        #expect(TimeBlock.week.key(E.mondayB.microseconds) == TimeBlock.week.key(E.mondayA.microseconds) + 1)
    }

    @Test("where a week has too few controls its cases are compared within the month, and the report says so")
    func widening() throws {
        // Treated only in week A, controls only in week B: no weekly stratum has both arms
        // (coverage 0%). Within March both are present: ΔL = 10 − 12 = −2 h.
        let workflows =
            E.cases(30, lead: 10, touchedBy: ["bot"], openedAt: E.mondayA) + E.cases(30, lead: 12, openedAt: E.mondayB)
        let e = try E.effect(workflows)
        #expect(e.timeBlock == "month")
        #expect(e.timeBlockShares == ["month": 1])
        #expect(e.coverage == 1)
        #expect(isClose(e.deltaLeadHours.value, -2))
        #expect(
            e.warnings.contains(
                "100% of the compared treated cases had no controls in their week and were compared 100% within the month (still cut at every rollout date)"
            ))
        // A rollout date between the two Mondays cuts the month: no stratum has both arms again,
        // at any block, and the figure is insufficient rather than a comparison across a rollout.
        let rollout = [AssistantMetadata(name: "other", rolloutAt: E.mondayA.adding(microseconds: 3 * E.day))]
        let cut = try E.effect(workflows, assistants: rollout)
        #expect(cut.coverage == 0)
        #expect(cut.deltaLeadHours.value == nil)
    }

    @Test("coarsening is stratum by stratum: weeks with both arms stay weekly, the rest widen")
    func progressiveCoarsening() throws {
        // Week A has both arms (30 treated at 12 h, 30 controls at 10 h): compared there, +2 h.
        // Week B has 12 treated (22 h) and no controls; week C (16 March) 12 controls (19 h) and
        // no treated: week B's treated meet week C's controls within March, +3 h. Week A's
        // controls are not reused. ΔL = 30/42 × 2 + 12/42 × 3 = 96 / 42 h.
        let mondayC = E.mondayB.adding(microseconds: 7 * E.day)
        let workflows =
            E.cases(30, lead: 12, touchedBy: ["bot"], openedAt: E.mondayA) + E.cases(30, lead: 10, openedAt: E.mondayA)
            + E.cases(12, lead: 22, touchedBy: ["bot"], openedAt: E.mondayB) + E.cases(12, lead: 19, openedAt: mondayC)
        let e = try E.effect(workflows)
        #expect(e.timeBlock == "month")
        #expect(isClose(e.timeBlockShares["week"], 30.0 / 42))
        #expect(isClose(e.timeBlockShares["month"], 12.0 / 42))
        #expect(e.strata == 2)
        #expect(isClose(e.deltaLeadHours.value, 96.0 / 42))
        #expect(e.warnings.first?.hasPrefix("29% of the compared treated cases had no controls in their week") == true)
    }

    @Test("coverage: below 80% a warning, below 50% insufficient data")
    func coverage() throws {
        // phishing: 30 treated, 30 controls; malware: 9 treated without controls → 30/39 = 77%.
        let partly =
            E.cases(30, lead: 10, touchedBy: ["bot"]) + E.cases(30, lead: 12)
            + E.cases(9, lead: 50, category: "malware", touchedBy: ["bot"])
        let e = try E.effect(partly)
        #expect(isClose(e.coverage, 30.0 / 39))
        #expect(isClose(e.deltaLeadHours.value, -2))
        #expect(
            e.warnings.contains(
                "only 77% of the treated cases are in strata with control cases; the effect is measured on those"))
        // 33 more malware cases: 30/72 = 42% < 50%.
        let mostly = partly + E.cases(33, lead: 50, category: "malware", touchedBy: ["bot"])
        let insufficient = try E.effect(mostly)
        #expect(isClose(insufficient.coverage, 30.0 / 72))
        #expect(insufficient.deltaLeadHours.value == nil)
        #expect(
            insufficient.deltaLeadHours.note
                == "only 42% of the treated cases have comparable control cases (needs 50%)")
    }

    @Test("a stratum is used only with at least 2 cases in each arm")
    func smallestCells() throws {
        // phishing: 30 treated, 30 controls; malware: 30 treated and a single control → unused.
        let workflows =
            E.cases(30, lead: 10, touchedBy: ["bot"]) + E.cases(30, lead: 12)
            + E.cases(30, lead: 50, category: "malware", touchedBy: ["bot"]) + E.cases(1, lead: 40, category: "malware")
        let e = try E.effect(workflows)
        #expect(e.usedTreatedWorkflows == 30)
        #expect(e.usedControlWorkflows == 30)
        #expect(isClose(e.deltaLeadHours.value, -2))
    }

    @Test("balance: another assistant used on 60% of treated and 10% of control cases is named")
    func balance() throws {
        let workflows =
            E.cases(18, lead: 10, touchedBy: ["bot", "helper"]) + E.cases(12, lead: 10, touchedBy: ["bot"])
            + E.cases(3, lead: 12, touchedBy: ["helper"]) + E.cases(27, lead: 12)
        let e = try E.effect(workflows)
        let helper = try #require(e.balance.first { $0.assistant == "helper" })
        #expect(isClose(helper.treatedShare, 0.6))
        #expect(isClose(helper.controlShare, 0.1))
        #expect(helper.warning)
        #expect(
            e.warnings.contains(
                "helper's use differs between the groups (60% of treated, 10% of control cases); the effect may include helper's"
            ))
    }

    @Test("censoring: each arm's share still open at the period's end, with a warning over 5 points")
    func censoring() throws {
        // Treated: 30 closed, 10 open → 25% open. Control: 30 closed, one of them closing after the
        // period's end (opened 1 h before it, 10 h long) → 1/30.
        var late = E.cases(3, lead: 10, openedAt: ReportFixtures.to.adding(microseconds: -3_600_000_000))
        late.removeLast(2)
        let workflows = E.cases(30, lead: 10, touchedBy: ["bot"]) + E.cases(29, lead: 12) + late
        let open = E.cases(10, lead: 0, touchedBy: ["bot"])
        let e = try E.effect(workflows, open: open)
        let c = try #require(e.censoring)
        #expect(isClose(c.treatedOpenShare, 0.25))
        #expect(isClose(c.controlOpenShare, 1.0 / 30))
        #expect(c.warning)
        #expect(
            e.warnings.contains(
                "25% of treated and 3% of control cases were still open at the period's end; closed cases alone may be biased"
            ))
    }

    @Test("the portfolio compares cases that reached the same AI-served steps")
    func portfolioProfiles() throws {
        // Two AI-served types. Cases reaching both are touched more often; comparing them with
        // the short one-step cases would credit AI with path length. Two-step cases: 30 touched
        // (20 h), 30 untouched (22 h); one-step cases: 30 touched (5 h), 30 untouched (6 h).
        // Within each path ΔL = −2 and −1; weighted 0.5/0.5: −1.5 h.
        func two(_ n: Int, _ lead: Double, _ touched: Bool) -> [ReportInput.WorkflowObservation] {
            E.cases(n, lead: lead, touchedBy: touched ? ["bot"] : []).map {
                var w = $0
                w.taskTypeTime["endpoint-investigation"] = ReportFixtures.us(hours: 0.5)
                return w
            }
        }
        let workflows =
            two(30, 20, true) + two(30, 22, false) + E.cases(30, lead: 5, touchedBy: ["bot"]) + E.cases(30, lead: 6)
        var tasks = EffectFixtures.tasks
        tasks += ReportFixtures.spread(40, 1, 30).map {
            ReportFixtures.task("high", minutes: $0, assistant: "bot", type: "endpoint-investigation")
        }
        let input = ReportInput(
            tenant: "soc-a", from: ReportFixtures.from, to: ReportFixtures.to, tasks: tasks, workflows: workflows,
            openWorkflows: 0, inferredOpenings: 0, assistants: [], perceptions: [:],
            friction: ReportFixtures.noFriction,
            readiness: ReportFixtures.noReadiness)
        let report = ValueReportBuilder(options: ReportFixtures.options(resamples: 100)).build(input)
        let portfolio = try #require(report.portfolio?.workflowEffect)
        #expect(portfolio.strata == 2)
        #expect(isClose(portfolio.deltaLeadHours.value, -1.5))
    }
}

@Suite struct StratifiedContrastTests {
    /// `n` cases of categories `a` and `b` alternately whose lead is touch, intake, closure and
    /// two classes' waits of varied sizes; the first half AI-touched.
    static func decomposedRows(_ n: Int) -> [ReportInput.WorkflowObservation] {
        (0..<n).map { i in
            let f = Double(i % 7)
            let waits: [String: Int64] = [
                "siem→soar": ReportFixtures.us(hours: 1 + f), "soar→ticketing": ReportFixtures.us(hours: 0.3 * f),
            ]
            let intake = ReportFixtures.us(hours: 0.5 + 0.1 * f)
            let closure = ReportFixtures.us(hours: 0.2 * f)
            let touch = ReportFixtures.us(hours: 2 + 0.5 * Double(i % 3))
            return .init(
                category: i % 2 == 0 ? "a" : "b", severity: "high", openedAt: ReportFixtures.from,
                lead: touch + intake + closure + waits.values.reduce(0, +), touch: touch, intake: intake,
                closure: closure, classWaits: waits, aiTouched: i < n / 2, assistants: [], taskTypeTime: [:])
        }
    }

    @Test("ΔL = ΔA + ΔW and ΔW = Δintake + Σ ΔW_c + Δclosure in the point estimate and in every resample")
    func identities() {
        var names = ReportNames()
        let rows = Self.decomposedRows(60)
        let columns = ReportInput.columns(of: rows, names: &names)
        func cells(_ predicate: (Int) -> Bool) -> [Int32] { (0..<60).filter(predicate).map { Int32($0) } }
        let contrast = StratifiedContrast(strata: [
            [
                .init(workflows: cells { $0 < 30 && $0 % 2 == 0 }, coefficient: 1),
                .init(workflows: cells { $0 >= 30 && $0 % 2 == 0 }, coefficient: -1),
            ],
            [
                .init(workflows: cells { $0 < 30 && $0 % 2 == 1 }, coefficient: 1),
                .init(workflows: cells { $0 >= 30 && $0 % 2 == 1 }, coefficient: -1),
            ],
        ])
        let outcome = contrast.estimate(columns, resamples: 300, seed: 9)
        #expect(outcome.replicates.count == 300)
        for f in [outcome.point] + outcome.replicates {
            #expect(abs(f.lead - (f.touch + f.wait)) < 1e-12)
            #expect(abs(f.wait - (f.intake + f.classes.reduce(0, +) + f.closure)) < 1e-9)
        }
        // The resamples differ from each other (the bootstrap is not degenerate).
        #expect(Set(outcome.replicates.map(\.lead)).count > 100)
    }

    @Test("each resample draws n − 1 of a cell's n cases, so a cell's resampled mean has the variance s²/n")
    func rescaledBootstrap() {
        // One stratum: treated {0, 1} h (s² = 0.5, var of the mean 0.25), control all 0 h.
        var names = ReportNames()
        let rows: [ReportInput.WorkflowObservation] = [0.0, 1, 0, 0].map { lead in
            .init(
                category: "a", severity: "high", openedAt: ReportFixtures.from, lead: ReportFixtures.us(hours: lead),
                touch: ReportFixtures.us(hours: lead), intake: 0, closure: 0, classWaits: [:], aiTouched: false,
                assistants: [], taskTypeTime: [:])
        }
        let columns = ReportInput.columns(of: rows, names: &names)
        let contrast = StratifiedContrast(strata: [
            [.init(workflows: [0, 1], coefficient: 1), .init(workflows: [2, 3], coefficient: -1)]
        ])
        let leads = contrast.estimate(columns, resamples: 4_000, seed: 3).replicates.map(\.lead)
        let mean = leads.reduce(0, +) / Double(leads.count)
        let variance = leads.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(leads.count)
        // One draw of two: 0 or 1 with equal odds, variance 0.25 (n draws would give 0.125).
        #expect(abs(variance - 0.25) < 0.02)
    }
}

@Suite struct TimeBlockTests {
    @Test("weeks start on Monday (UTC); months and quarters are calendar ones")
    func keys() throws {
        func key(_ block: TimeBlock, _ text: String) throws -> Int64 {
            block.key(try #require(Timestamp(rfc3339: text)).microseconds)
        }
        #expect(try key(.week, "2026-03-02T00:00:00Z") == key(.week, "2026-03-08T23:59:59Z"))
        #expect(try key(.week, "2026-03-09T00:00:00Z") == key(.week, "2026-03-08T23:59:59Z") + 1)
        #expect(try key(.month, "2026-03-31T23:59:59Z") + 1 == key(.month, "2026-04-01T00:00:00Z"))
        #expect(try key(.quarter, "2026-01-01T00:00:00Z") == key(.quarter, "2026-03-31T23:59:59Z"))
        #expect(try key(.quarter, "2026-04-01T00:00:00Z") == key(.quarter, "2026-03-31T23:59:59Z") + 1)
        #expect(try key(.week, "1969-12-29T00:00:00Z") + 1 == key(.week, "1970-01-05T00:00:00Z"))
    }
}

@Suite struct CaseClustersTests {
    @Test("a case's tasks are drawn together, and numbering does not depend on arrival order")
    func clusters() {
        let keys: [Int32] = [7, 3, 7, 3, 9]
        let clusters = CaseClusters(caseKeys: keys)
        #expect(clusters.count == 3)
        // `resample` hands out positions in cluster order; `inClusterOrder` maps them back.
        let items = clusters.inClusterOrder(Array(keys.indices))
        #expect(clusters.inClusterOrder(keys) == [3, 3, 7, 7, 9])
        var g = SeededGenerator(seed: 1)
        var counts = [Int](repeating: 0, count: keys.count)
        var scratch: [Int32] = []
        for _ in 0..<50 { clusters.resample(using: &g, scratch: &scratch) { counts[items[$0]] += Int($1) } }
        // Each resample draws 3 cases: cases 7 and 3 have two tasks each (counted once per draw
        // through their first task), case 9 one.
        #expect(counts[0] + counts[1] + counts[4] == 150)
        // Items of one case are always drawn the same number of times.
        #expect(counts[0] == counts[2])
        #expect(counts[1] == counts[3])
        #expect(counts.reduce(0, +) > 0)
        // The same keys in another order give the same clusters (by key order): members 3, 7, 9.
        let shuffledKeys: [Int32] = [9, 7, 3, 3, 7]
        let shuffled = CaseClusters(caseKeys: shuffledKeys)
        var a = SeededGenerator(seed: 5)
        var b = SeededGenerator(seed: 5)
        var first: [Int32] = []
        var second: [Int32] = []
        let ordered = clusters.inClusterOrder(keys)
        let shuffledOrdered = shuffled.inClusterOrder(shuffledKeys)
        clusters.resample(using: &a, scratch: &scratch) {
            first.append(contentsOf: repeatElement(ordered[$0], count: Int($1)))
        }
        shuffled.resample(using: &b, scratch: &scratch) {
            second.append(contentsOf: repeatElement(shuffledOrdered[$0], count: Int($1)))
        }
        #expect(first == second)
    }
}
