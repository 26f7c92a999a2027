import Foundation
import Testing

@testable import BatonCore

// Every expected number below is worked out by hand in the comments (value-model §3–§6), never
// copied from a run of the code under test.

// MARK: - Fixtures

/// Inputs built by hand for the value report tests (shared with ValueReportRenderingTests).
enum ReportFixtures {
    static let from = Timestamp(rfc3339: "2026-03-01T00:00:00Z")!
    static let to = Timestamp(rfc3339: "2026-05-30T00:00:00Z")!
    static let siemSoar = "siem→soar"
    static let soarTicketing = "soar→ticketing"

    static func us(minutes: Double) -> Int64 { Int64((minutes * 60_000_000).rounded()) }
    static func us(hours: Double) -> Int64 { Int64((hours * 3_600_000_000).rounded()) }

    /// A finished task; AI-touched exactly when it names an assistant (unless `aiTouched` says otherwise).
    static func task(
        _ severity: String, minutes: Double, assistant: String? = nil, aiTouched: Bool? = nil,
        type: String = "alert-triage", startedAt: Timestamp = from
    ) -> ReportInput.TaskObservation {
        .init(
            taskType: type, severity: severity, assistant: assistant, aiTouched: aiTouched ?? (assistant != nil),
            durationMicroseconds: us(minutes: minutes), startedAt: startedAt)
    }

    /// A closed workflow, figures in hours. `touchedBy` makes it AI-touched by that assistant;
    /// `triage` is the time spent in alert-triage tasks (for the Amdahl ceiling).
    static func workflow(
        _ category: String, _ severity: String, lead: Double, touch: Double, intake: Double = 0,
        closure: Double = 0, waits: [String: Double] = [:], touchedBy: String? = nil, triage: Double = 0,
        openedAt: Timestamp = from
    ) -> ReportInput.WorkflowObservation {
        .init(
            category: category, severity: severity, openedAt: openedAt, lead: us(hours: lead),
            touch: us(hours: touch), intake: us(hours: intake), closure: us(hours: closure),
            classWaits: waits.mapValues { us(hours: $0) }, aiTouched: touchedBy != nil,
            assistants: touchedBy.map { [$0] } ?? [],
            taskTypeTime: triage > 0 ? ["alert-triage": us(hours: triage)] : [:])
    }

    static let noFriction = ValueReport.Friction(
        topClasses: [], intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
        flowEfficiencyMedian: nil, flowEfficiencyP90: nil)
    static let noReadiness = ValueReport.Readiness(
        tasksWithStageShare: nil, handoffsWithContextShare: nil, waitingHoursTaggedShare: nil)

    static func input(
        tasks: [ReportInput.TaskObservation], workflows: [ReportInput.WorkflowObservation], openWorkflows: Int = 0,
        inferredOpenings: Int = 0, assistants: [AssistantMetadata] = [], perceptions: [String: [ValueRating]] = [:],
        friction: ValueReport.Friction = noFriction, readiness: ValueReport.Readiness = noReadiness
    ) -> ReportInput {
        ReportInput(
            tenant: "soc-a", from: from, to: to, tasks: tasks, workflows: workflows, openWorkflows: openWorkflows,
            inferredOpenings: inferredOpenings, assistants: assistants, perceptions: perceptions, friction: friction,
            readiness: readiness)
    }

    static func options(
        minimumSample: Int = 30, resamples: Int = 1_000, seed: UInt64 = 1,
        baseline: ReportOptions.Baseline = .eligible, hourlyRate: Double? = nil
    ) -> ReportOptions {
        var o = ReportOptions()
        o.minimumSample = minimumSample
        o.resamples = resamples
        o.seed = seed
        o.baseline = baseline
        o.hourlyRate = hourlyRate
        return o
    }

    static func build(_ input: ReportInput, _ options: ReportOptions = options()) -> ValueReport {
        ValueReportBuilder(options: options).build(input)
    }

    // MARK: The hand-computed report

    /// One task type (alert-triage), assistant "bot", two severities; four shared workflow strata
    /// cells, one control-only and one touched-only stratum, and one workflow of another assistant.
    ///
    /// Tasks (minutes):
    /// - baseline low: 31 … 50 (20 tasks, mean 40.5); baseline high: 70 … 89 (20 tasks, mean 79.5).
    ///   Sorted baseline: 31 … 50, 70 … 89 → median (50 + 70) / 2 = 60.
    /// - treated low: 10 × 10, 12 × 20, 8 × 40 (30 tasks, mean (100 + 240 + 320) / 30 = 22);
    ///   treated high: 40, 42, …, 58 (10 tasks, mean 49). Sorted treated: positions 11 … 22 are 20,
    ///   so the 20th and 21st are both 20 → median 20. Speedup 60 / 20 = 3.0.
    ///
    /// Workflows (hours; lead = touch + intake + Σ class waits + closure in every row):
    /// | stratum        | cohort   | n  | lead | touch | intake | closure | siem→soar | soar→ticketing | triage |
    /// | phishing/low   | control  | 5  | 10   | 2     | 1      | 1       | 4         | 2              | 1      |
    /// | phishing/low   | control  | 5  | 14   | 2     | 1      | 1       | 8         | 2              | 1      |
    /// | phishing/low   | touched  | 15 | 11   | 0.5   | 1      | 1       | 6.5       | 2              | 0.2    |
    /// | phishing/low   | touched  | 15 | 15   | 1.5   | 1      | 1       | 9.5       | 2              | 0.2    |
    /// | phishing/high  | control  | 15 | 20   | 4     | 2      | 1       | 11        | 2              | 3      |
    /// | phishing/high  | control  | 15 | 30   | 6     | 2      | 1       | 19        | 2              | 3      |
    /// | phishing/high  | touched  | 5  | 16   | 3     | 1      | 1.5     | 8         | 2.5            | 0      |
    /// | phishing/high  | touched  | 5  | 20   | 3     | 1      | 1.5     | 12        | 2.5            | 0      |
    /// | malware/low    | control  | 2  | 5    | 1     | 1      | 1       | 2         | 0              | 0.5    |
    /// | malware/crit.  | touched  | 5  | 100  | 40    | 10     | 10      | 40        | 0              | 0      |
    /// | phishing/low   | "other"  | 1  | 1000 | 1     | 0      | 0       | 999       | 0              | 0      |
    static func handComputedInput(perceptions: [String: [ValueRating]] = [:]) -> ReportInput {
        var tasks: [ReportInput.TaskObservation] = []
        for m in 31...50 { tasks.append(task("low", minutes: Double(m))) }
        for m in 70...89 { tasks.append(task("high", minutes: Double(m))) }
        for (m, n) in [(10.0, 10), (20.0, 12), (40.0, 8)] {
            tasks += Array(repeating: task("low", minutes: m, assistant: "bot"), count: n)
        }
        for j in 0..<10 { tasks.append(task("high", minutes: 40 + 2 * Double(j), assistant: "bot")) }

        var workflows: [ReportInput.WorkflowObservation] = []
        func add(_ n: Int, _ w: ReportInput.WorkflowObservation) { workflows += Array(repeating: w, count: n) }
        let (c1, c2) = (siemSoar, soarTicketing)
        add(
            5, workflow("phishing", "low", lead: 10, touch: 2, intake: 1, closure: 1, waits: [c1: 4, c2: 2], triage: 1))
        add(
            5, workflow("phishing", "low", lead: 14, touch: 2, intake: 1, closure: 1, waits: [c1: 8, c2: 2], triage: 1))
        add(
            15,
            workflow(
                "phishing", "low", lead: 11, touch: 0.5, intake: 1, closure: 1, waits: [c1: 6.5, c2: 2],
                touchedBy: "bot", triage: 0.2))
        add(
            15,
            workflow(
                "phishing", "low", lead: 15, touch: 1.5, intake: 1, closure: 1, waits: [c1: 9.5, c2: 2],
                touchedBy: "bot", triage: 0.2))
        add(
            15,
            workflow("phishing", "high", lead: 20, touch: 4, intake: 2, closure: 1, waits: [c1: 11, c2: 2], triage: 3))
        add(
            15,
            workflow("phishing", "high", lead: 30, touch: 6, intake: 2, closure: 1, waits: [c1: 19, c2: 2], triage: 3))
        add(
            5,
            workflow(
                "phishing", "high", lead: 16, touch: 3, intake: 1, closure: 1.5, waits: [c1: 8, c2: 2.5],
                touchedBy: "bot"))
        add(
            5,
            workflow(
                "phishing", "high", lead: 20, touch: 3, intake: 1, closure: 1.5, waits: [c1: 12, c2: 2.5],
                touchedBy: "bot"))
        add(2, workflow("malware", "low", lead: 5, touch: 1, intake: 1, closure: 1, waits: [c1: 2], triage: 0.5))
        add(
            5,
            workflow(
                "malware", "critical", lead: 100, touch: 40, intake: 10, closure: 10, waits: [c1: 40], touchedBy: "bot")
        )
        add(1, workflow("phishing", "low", lead: 1000, touch: 1, waits: [c1: 999], touchedBy: "other"))

        let friction = ValueReport.Friction(
            topClasses: [
                .init(
                    handoffClass: siemSoar, waitingHours: 120, handoffs: 80, meanWaitMinutes: 90,
                    contextCarriedShare: 0.3, tagReasons: ["queue-wait": 30, "approval-wait": 6])
            ],
            intakeHours: 150, closureHours: 100, pingPongShare: 0.1, contextCarriedShare: 0.3,
            flowEfficiencyMedian: 0.2, flowEfficiencyP90: 0.4)
        return input(
            tasks: tasks, workflows: workflows, inferredOpenings: 0,
            assistants: [AssistantMetadata(name: "bot", tool: "siem", category: .copilot, archetype: .taker)],
            perceptions: perceptions, friction: friction)
    }

    // MARK: Small scenarios

    /// `n` values around `center`: center − delta, center, center + delta, repeated (mean and
    /// median `center` when n is a multiple of 3; for other n the median is still `center`).
    static func spread(_ center: Double, _ delta: Double, _ n: Int) -> [Double] {
        (0..<n).map { center + delta * Double($0 % 3 - 1) }
    }

    /// One task type, one severity ("high"), one workflow stratum (phishing/high). Workflow waits are
    /// all in one class, `siem→soar` = lead − touch.
    static func scenario(
        baselineMinutes: [Double], treatedMinutes: [Double], controlLeads: [Double], controlTouch: Double,
        touchedLeads: [Double], touchedTouch: Double, perceptions: [String: [ValueRating]] = [:],
        friction: ValueReport.Friction = noFriction
    ) -> ReportInput {
        let tasks =
            baselineMinutes.map { task("high", minutes: $0) }
            + treatedMinutes.map { task("high", minutes: $0, assistant: "bot") }
        func wf(_ lead: Double, _ touch: Double, _ by: String?) -> ReportInput.WorkflowObservation {
            workflow(
                "phishing", "high", lead: lead, touch: touch, waits: lead > touch ? [siemSoar: lead - touch] : [:],
                touchedBy: by, triage: by == nil ? touch / 2 : 0)
        }
        let workflows =
            controlLeads.map { wf($0, controlTouch, nil) } + touchedLeads.map { wf($0, touchedTouch, "bot") }
        return input(tasks: tasks, workflows: workflows, perceptions: perceptions, friction: friction)
    }
}

// MARK: - Helpers

func isClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

/// low ≤ value ≤ high, with both bounds present.
func intervalContainsValue(_ e: ValueReport.Estimate) -> Bool {
    guard let v = e.value, let l = e.low, let h = e.high else { return false }
    return l <= v && v <= h
}

// MARK: - The hand-computed report

@Suite struct ValueReportBuilderTests {
    static let report = ReportFixtures.build(ReportFixtures.handComputedInput())

    var bot: ValueReport.AssistantValue {
        get throws { try #require(Self.report.assistants.first { $0.name == "bot" }) }
    }

    @Test func fixtureRowsSatisfyTheWaitDecomposition() {
        // Guards the hand arithmetic of the table: L − A = intake + Σ class waits + closure, exactly.
        for w in ReportFixtures.handComputedInput().workflows {
            #expect(w.wait == w.intake + w.classWaits.values.reduce(0, +) + w.closure)
        }
    }

    @Test func samples() {
        let s = Self.report.samples
        // 10 + 30 + 30 + 10 + 2 + 5 + 1 = 88 closed; touched 30 + 10 + 5 + 1 ("other") = 46.
        #expect(s.closedWorkflows == 88)
        #expect(s.aiTouchedWorkflows == 46)
        #expect(s.untouchedWorkflows == 42)
        #expect(s.openWorkflows == 0)
        #expect(s.tasks == 80)
        #expect(Self.report.schemaVersion == 2)
        #expect(Self.report.tenant == "soc-a")
        #expect(Self.report.period.from == "2026-03-01T00:00:00Z")
        #expect(Self.report.period.to == "2026-05-30T00:00:00Z")
        // Only assistants that served tasks (or were rated) appear: "other" has no tasks.
        #expect(Self.report.assistants.map(\.name) == ["bot"])
    }

    @Test func metadataIsEchoed() throws {
        let bot = try bot
        #expect(bot.tool == "siem")
        #expect(bot.category == "copilot")
        #expect(bot.archetype == "taker")
        #expect(bot.rolloutAt == nil)
    }

    @Test func speedupIsTheRatioOfMedians() throws {
        let s = try #require(try bot.taskSpeedups.first)
        #expect(try bot.taskSpeedups.count == 1)
        #expect(s.taskType == "alert-triage")
        #expect(s.baselineTasks == 40)
        #expect(s.treatedTasks == 40)
        // median(B) / median(T) = 60 min / 20 min = 3, exactly.
        #expect(s.speedup.value == 3.0)
        #expect(s.speedup.status == "ok")
        #expect(s.speedup.note == nil)
        #expect(intervalContainsValue(s.speedup))
        // Every resample ratio lies between min(B)/max(T) = 31/58 and max(B)/min(T) = 89/10.
        #expect(try #require(s.speedup.low) >= 31.0 / 58.0)
        #expect(try #require(s.speedup.high) <= 89.0 / 10.0)
    }

    @Test func mixAdjustedSavingIsWeightedByTheTreatedSeverityMix() throws {
        // w_low = 30/40 = 0.75, w_high = 10/40 = 0.25.
        // low: 40.5 − 22 = 18.5 min; high: 79.5 − 49 = 30.5 min.
        // 0.75 × 18.5 + 0.25 × 30.5 = 13.875 + 7.625 = 21.5 min per task.
        #expect(try bot.taskSpeedups.first?.mixAdjustedSavingMinutes == 21.5)
    }

    @Test func effortSavedSumsStratumBaselineMeanMinusDuration() throws {
        let bot = try bot
        // low: 30 × 40.5 − 660 = 1215 − 660 = 555 min; high: 10 × 79.5 − 490 = 795 − 490 = 305 min.
        // Total 860 min = 14.333… h. Expected baseline effort 1215 + 795 = 2010 min → share 860 / 2010.
        #expect(isClose(bot.effortSavedHours.value, 860.0 / 60.0, tolerance: 1e-12))
        #expect(isClose(bot.effortSavedShare.value, 860.0 / 2010.0, tolerance: 1e-12))
        #expect(bot.effortSavedHours.status == "ok")
        #expect(bot.effortSavedHours.note == nil)
        #expect(intervalContainsValue(bot.effortSavedHours))
        #expect(intervalContainsValue(bot.effortSavedShare))
        // No hourly rate: no money figure.
        #expect(bot.effortSavedValue == nil)
    }

    @Test func effortSavedValueUsesTheHourlyRate() throws {
        let report = ReportFixtures.build(
            ReportFixtures.handComputedInput(), ReportFixtures.options(resamples: 0, hourlyRate: 90))
        // 860 / 60 h × 90 = 1290.
        #expect(isClose(report.assistants.first?.effortSavedValue, 1290, tolerance: 1e-9))
        #expect(report.options.hourlyRate == 90)
    }

    @Test func cohortsCompareWithinSharedStrataWeightedByTheTouchedMix() throws {
        let c = try #require(try bot.workflowEffect)
        // Touched: 30 + 10 + 5 (malware/critical, no control there) = 45; control: 10 + 30 + 2 = 42.
        #expect(c.treatedWorkflows == 45)
        #expect(c.controlWorkflows == 42)
        // Shared strata: phishing/low and phishing/high (malware/critical has no control,
        // malware/low no touched workflow).
        #expect(c.strata == 2)
        // Weights over shared strata only: 30/40 = 0.75 and 10/40 = 0.25 (not 30/45, 10/45).
        // Means per cell: low control L 12 A 2 I 1 C 1 c1 6 c2 2; low touched L 13 A 1 I 1 C 1 c1 8 c2 2;
        //                 high control L 25 A 5 I 2 C 1 c1 15 c2 2; high touched L 18 A 3 I 1 C 1.5 c1 10 c2 2.5.
        // ΔL = 0.75 × (13 − 12) + 0.25 × (18 − 25) = 0.75 − 1.75 = −1
        #expect(isClose(c.deltaLeadHours.value, -1.0))
        // ΔA = 0.75 × (1 − 2) + 0.25 × (3 − 5) = −0.75 − 0.5 = −1.25
        #expect(isClose(c.deltaTouchHours.value, -1.25))
        // Per-cell W = L − A: low control 12 − 2 = 10, touched 13 − 1 = 12 (+2); high control
        // 25 − 5 = 20, touched 18 − 3 = 15 (−5). ΔW = 0.75 × 2 + 0.25 × (−5) = 1.5 − 1.25 = 0.25
        #expect(isClose(c.deltaWaitHours.value, 0.25))
        // Δintake = 0.25 × (1 − 2) = −0.25; Δclosure = 0.25 × (1.5 − 1) = 0.125
        #expect(isClose(c.deltaIntakeHours.value, -0.25))
        #expect(isClose(c.deltaClosureHours.value, 0.125))
        // Δsiem→soar = 0.75 × (8 − 6) + 0.25 × (10 − 15) = 0.25; Δsoar→ticketing = 0.25 × 0.5 = 0.125.
        #expect(c.deltaWaitByClass.map(\.handoffClass) == [ReportFixtures.siemSoar, ReportFixtures.soarTicketing])
        #expect(isClose(c.deltaWaitByClass.first?.deltaHours.value, 0.25))
        #expect(isClose(c.deltaWaitByClass.last?.deltaHours.value, 0.125))
        // Control mean lead weighted by the touched mix: 0.75 × 12 + 0.25 × 25 = 15.25 (the plain
        // control mean would be 880 / 42 ≈ 20.95, and over shared strata 870 / 40 = 21.75).
        #expect(isClose(c.counterfactualMeanLeadHours, 15.25))
    }

    @Test func cohortIdentitiesHoldExactly() throws {
        let c = try #require(try bot.workflowEffect)
        let dL = try #require(c.deltaLeadHours.value)
        let dA = try #require(c.deltaTouchHours.value)
        let dW = try #require(c.deltaWaitHours.value)
        // ΔL = ΔA + ΔW
        #expect(abs(dL - (dA + dW)) < 1e-9)
        // ΔW = Δintake + Σ_c ΔW_c + Δclosure
        let byClass = c.deltaWaitByClass.map { $0.deltaHours.value ?? .nan }.reduce(0, +)
        let dI = try #require(c.deltaIntakeHours.value)
        let dC = try #require(c.deltaClosureHours.value)
        #expect(abs(dW - (dI + byClass + dC)) < 1e-9)
    }

    @Test func cohortIntervalsContainTheirPointEstimates() throws {
        let c = try #require(try bot.workflowEffect)
        #expect(intervalContainsValue(c.deltaLeadHours))
        #expect(intervalContainsValue(c.deltaTouchHours))
        #expect(intervalContainsValue(c.deltaWaitHours))
        #expect(c.deltaLeadHours.status == "ok")
    }

    @Test func predictedRealizedCaptureAndFriction() throws {
        let bot = try bot
        // predicted = −ΔA = 1.25 h; realized = −ΔL = 1 h; capture = 1 / 1.25 = 0.8; absorbed = ΔW = 0.25 h.
        #expect(isClose(bot.predictedSavingHours.value, 1.25))
        #expect(isClose(bot.realizedSavingHours.value, 1.0))
        #expect(isClose(bot.valueCaptureRatio?.value, 0.8))
        #expect(isClose(bot.frictionAbsorbedHours.value, 0.25))
        // realized reduction = −ΔL / control mean lead = 1 / 15.25 = 0.0655737…
        #expect(isClose(bot.realizedLeadReduction.value, 1.0 / 15.25))
        #expect(intervalContainsValue(bot.realizedLeadReduction))
        // Its interval comes from the same resamples, each with its own counterfactual mean, so it
        // is close to ΔL's negated and scaled, not equal to it.
        let c = try #require(bot.workflowEffect)
        let (low, high) = (try #require(bot.realizedLeadReduction.low), try #require(bot.realizedLeadReduction.high))
        #expect(abs(low - -(try #require(c.deltaLeadHours.high)) / 15.25) < 0.05)
        #expect(abs(high - -(try #require(c.deltaLeadHours.low)) / 15.25) < 0.05)
        // Predicted and realized savings carry ΔA's and ΔL's intervals, negated.
        #expect(isClose(bot.predictedSavingHours.low, -(try #require(c.deltaTouchHours.high))))
        #expect(isClose(bot.realizedSavingHours.high, -(try #require(c.deltaLeadHours.low))))
        // The capture ratio is shown: ΔA's interval excludes 0.
        #expect(c.deltaTouchHours.excludes(0))
        #expect(bot.valueCaptureRatio.map(intervalContainsValue) == true)
    }

    @Test func amdahlCeiling() throws {
        let a = try #require(try bot.amdahl)
        // Control workflows (all untouched, including malware/low): lead 5 × 10 + 5 × 14 + 15 × 20 +
        // 15 × 30 + 2 × 5 = 50 + 70 + 300 + 450 + 10 = 880 h; alert-triage time 10 × 1 + 30 × 3 + 2 × 0.5
        // = 101 h. p = 101 / 880, s = 3 → 1 − ((1 − p) + p / 3) = 2p / 3 = 101 / 1320 ≈ 0.0765.
        #expect(isClose(a.share, 101.0 / 880.0))
        #expect(isClose(a.speedup, 3.0))
        #expect(isClose(a.maximumLeadReduction, 101.0 / 1320.0))
    }

    @Test func ratingIsGood() throws {
        // Effort share 860 / 2010 ≈ 43% ≥ 20% with an interval far from 0 (or the 6.6% lead gain,
        // if its interval excludes 0): "good" either way, never "excellent" (6.6% < 20%).
        let bot = try bot
        #expect(bot.measuredRating == "good")
        #expect(bot.perceivedRating == nil)
        #expect(bot.perceivedResponses == 0)
        #expect(bot.perceptionGap == nil)
    }

    @Test func portfolioIsAnyAI() throws {
        let p = try #require(Self.report.portfolio)
        #expect(p.name == "any AI")
        let e = try #require(p.workflowEffect)
        // Any AI touched 46 cases (bot's 45 and "other"'s); eligible controls are the 42 untouched
        // cases with an alert-triage task. Used strata: phishing/low (31 treated incl. "other"'s
        // 1000 h case, 10 control) and phishing/high (10, 30): 41 of 46 treated, coverage 41/46.
        #expect(e.treatedWorkflows == 46)
        #expect(e.controlWorkflows == 42)
        #expect(e.usedTreatedWorkflows == 41)
        #expect(isClose(e.coverage, 41.0 / 46.0))
        // Touched phishing/low mean lead (15 × 11 + 15 × 15 + 1000) / 31 = 1390 / 31.
        // ΔL = 31/41 × (1390/31 − 12) + 10/41 × (18 − 25) = (1018 − 70) / 41 = 948 / 41 h.
        #expect(isClose(e.deltaLeadHours.value, 948.0 / 41.0))
        // No other assistant to balance against.
        #expect(e.balance.isEmpty)
    }

    @Test func headline() throws {
        // Any AI: +948/41 h = 23 h 07 min per touched case, driven by "other"'s 1000 h case. The
        // interval is for the effect on the cases touched, whose own outcomes are known, so that
        // case's lead time is not in doubt, only its counterfactual: the claim stands. bot's
        // ΔL of −1 h has an interval that includes 0: no claim.
        let bot = try bot
        #expect(!bot.realizedSavingHours.excludes(0))
        #expect(
            Self.report.headline.hasPrefix(
                "Cases the AI touched closed 23 h 07 min slower than they would have without it (95% interval +"))
        #expect(
            Self.report.headline.hasSuffix(
                "Not enough evidence yet for bot (estimator: eligible, eligible cases, like with like)."))
    }

    @Test func frictionAndReadinessArePassedThrough() {
        let input = ReportFixtures.handComputedInput()
        #expect(Self.report.friction == input.friction)
        #expect(Self.report.readiness == input.readiness)
    }

    @Test func sameInputGivesTheSameReport() {
        let a = ReportFixtures.build(ReportFixtures.handComputedInput())
        let b = ReportFixtures.build(ReportFixtures.handComputedInput())
        #expect(a == b)
        #expect(a == Self.report)
    }

    @Test func anotherSeedMovesTheIntervalsButNotTheEstimates() throws {
        let other = ReportFixtures.build(ReportFixtures.handComputedInput(), ReportFixtures.options(seed: 2))
        let a = try bot
        let b = try #require(other.assistants.first)
        #expect(other.options.seed == 2)
        #expect(a.taskSpeedups.first?.speedup.value == b.taskSpeedups.first?.speedup.value)
        #expect(a.workflowEffect?.deltaLeadHours.value == b.workflowEffect?.deltaLeadHours.value)
        #expect(a.effortSavedHours.value == b.effortSavedHours.value)
        let boundsA = [
            a.workflowEffect?.deltaLeadHours.low, a.workflowEffect?.deltaLeadHours.high, a.effortSavedHours.low,
        ]
        let boundsB = [
            b.workflowEffect?.deltaLeadHours.low, b.workflowEffect?.deltaLeadHours.high, b.effortSavedHours.low,
        ]
        #expect(boundsA != boundsB)
    }

    @Test func optionsArePrintedInTheReport() {
        #expect(Self.report.options == ReportFixtures.options())
        #expect(Self.report.options.excellentLeadReduction == 0.20)
        #expect(Self.report.options.goodLeadReduction == 0.05)
        #expect(Self.report.options.goodEffortReduction == 0.20)
    }

    // MARK: Minimum sample

    @Test func aMinimumAboveTheSamplesGivesInsufficientData() throws {
        // 40 baseline and 40 treated tasks, 40 workflows per cohort in shared strata: 41 is too many.
        let report = ReportFixtures.build(
            ReportFixtures.handComputedInput(), ReportFixtures.options(minimumSample: 41, resamples: 50))
        let bot = try #require(report.assistants.first)
        let s = try #require(bot.taskSpeedups.first)
        #expect(s.speedup.value == nil)
        #expect(s.speedup.status == "insufficient data")
        #expect(s.speedup.note == "needs 41 baseline and 41 AI tasks; has 40 and 40")
        // The mix-adjusted saving is a plain difference of means and is still given.
        #expect(s.mixAdjustedSavingMinutes == 21.5)
        #expect(bot.effortSavedHours.status == "insufficient data")
        #expect(bot.effortSavedShare.status == "insufficient data")
        let c = try #require(bot.workflowEffect)
        #expect(c.deltaLeadHours.status == "insufficient data")
        #expect(c.deltaLeadHours.value == nil)
        #expect(c.deltaLeadHours.note == "needs 41 treated and 41 control cases in strata with both; has 40 and 40")
        #expect(c.counterfactualMeanLeadHours == nil)
        #expect(bot.realizedLeadReduction.status == "insufficient data")
        #expect(bot.predictedSavingHours.value == nil)
        #expect(bot.valueCaptureRatio == nil)
        #expect(bot.measuredRating == "insufficient data")
        #expect(
            report.headline.hasSuffix(
                "Not enough evidence yet for bot (estimator: eligible, eligible cases, like with like)."))
    }

    @Test func aMinimumEqualToTheSamplesIsEnough() throws {
        let report = ReportFixtures.build(
            ReportFixtures.handComputedInput(), ReportFixtures.options(minimumSample: 40, resamples: 50))
        let bot = try #require(report.assistants.first)
        #expect(bot.taskSpeedups.first?.speedup.value == 3.0)
        #expect(isClose(bot.workflowEffect?.deltaLeadHours.value, -1.0))
        #expect(bot.effortSavedHours.status == "ok")
    }

    @Test func aSmallerMinimumLetsASmallSampleBeRated() throws {
        // 12 tasks per side (20 ± 1 vs 10 ± 1 min), 12 workflows per arm (10 ± 0.5 h vs 5 ± 0.5 h).
        let input = ReportFixtures.scenario(
            baselineMinutes: ReportFixtures.spread(20, 1, 12), treatedMinutes: ReportFixtures.spread(10, 1, 12),
            controlLeads: ReportFixtures.spread(10, 0.5, 12), controlTouch: 2,
            touchedLeads: ReportFixtures.spread(5, 0.5, 12), touchedTouch: 1)
        let strict = ReportFixtures.build(input)
        #expect(strict.assistants.first?.measuredRating == "insufficient data")
        let lenient = ReportFixtures.build(input, ReportFixtures.options(minimumSample: 10))
        let bot = try #require(lenient.assistants.first)
        // Medians 20 and 10 → 2.0; ΔL = 5 − 10 = −5 h, 50% of 10 h.
        #expect(bot.taskSpeedups.first?.speedup.value == 2.0)
        #expect(isClose(bot.realizedLeadReduction.value, 0.5))
        #expect(bot.measuredRating == "excellent")
    }

    @Test func aMinimumBelowTheFloorIsRaisedToIt() throws {
        // value-model §5: at least 10. The CLI and the API refuse less; the builder raises it, and
        // the report says which minimum it applied.
        let input = ReportFixtures.scenario(
            baselineMinutes: ReportFixtures.spread(20, 1, 9), treatedMinutes: ReportFixtures.spread(10, 1, 9),
            controlLeads: ReportFixtures.spread(10, 0.5, 9), controlTouch: 2,
            touchedLeads: ReportFixtures.spread(5, 0.5, 9), touchedTouch: 1)
        let report = ReportFixtures.build(input, ReportFixtures.options(minimumSample: 9))
        #expect(report.options.minimumSample == 10)
        #expect(report.assistants.first?.measuredRating == "insufficient data")
        #expect(
            report.assistants.first?.taskSpeedups.first?.speedup.note
                == "needs 10 baseline and 10 AI tasks; has 9 and 9")
    }
}

// MARK: - Ratings (value-model §5, default thresholds)

@Suite struct ValueReportRatingTests {
    typealias F = ReportFixtures

    func rated(_ input: ReportInput) throws -> ValueReport.AssistantValue {
        try #require(F.build(input).assistants.first { $0.name == "bot" })
    }

    @Test func excellent() throws {
        // ΔL = 5 − 10 = −5 h on a 10 h control mean: 50% ≥ 20%, interval far from 0.
        let bot = try rated(
            F.scenario(
                baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(5, 0.5, 30),
                touchedTouch: 1))
        #expect(isClose(bot.realizedLeadReduction.value, 0.5))
        #expect(bot.realizedLeadReduction.excludes(0))
        #expect(bot.measuredRating == "excellent")
        let r = bot.realizedLeadReduction
        #expect(
            bot.ratingReason
                == "cases 50% sooner (95% interval \(HumanFormat.percent(r.low!)) to \(HumanFormat.percent(r.high!)), which excludes 0)"
        )
    }

    @Test func goodViaLeadTime() throws {
        // ΔL = 9 − 10 = −1 h: 10% (≥ 5%, < 20%), interval excludes 0 (sd of ΔL ≈ 0.1 h).
        let bot = try rated(
            F.scenario(
                baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(9, 0.5, 30),
                touchedTouch: 2))
        #expect(isClose(bot.realizedLeadReduction.value, 0.1))
        #expect(bot.measuredRating == "good")
        #expect(bot.ratingReason.hasPrefix("cases 10% sooner (95% interval "))
    }

    @Test func goodViaEffort() throws {
        // Identical cohorts: ΔL = 0, interval straddles 0. Effort: (20 − 10) / 20 = 50% ≥ 20%.
        let bot = try rated(
            F.scenario(
                baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(10, 0.5, 30),
                touchedTouch: 2))
        #expect(bot.realizedLeadReduction.value == 0)
        #expect(!bot.realizedLeadReduction.excludes(0))
        #expect(isClose(bot.effortSavedShare.value, 0.5))
        #expect(bot.effortSavedShare.excludes(0))
        #expect(bot.measuredRating == "good")
        #expect(bot.ratingReason == "effort 50% lower (interval excludes 0), lead time not significantly worse")
    }

    @Test func some() throws {
        // Medians 10 and 9 min: speedup 10/9; every resample ratio ≥ 9.9 / 9.1 > 1, so the interval
        // is above 1. Effort share (10 − 9) / 10 = 10% < 20%. Identical cohorts: ΔL = 0.
        let bot = try rated(
            F.scenario(
                baselineMinutes: F.spread(10, 0.1, 30), treatedMinutes: F.spread(9, 0.1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(10, 0.5, 30),
                touchedTouch: 2))
        let s = try #require(bot.taskSpeedups.first?.speedup)
        #expect(isClose(s.value, 10.0 / 9.0))
        #expect(try #require(s.low) > 1)
        #expect(isClose(bot.effortSavedShare.value, 0.1))
        #expect(bot.measuredRating == "some")
        #expect(bot.ratingReason == "tasks 1.1× faster, but the cases' lead time did not measurably change")
    }

    @Test func none() throws {
        // Same task durations on both sides (speedup 1, interval around 1), identical cohorts.
        let bot = try rated(
            F.scenario(
                baselineMinutes: F.spread(10, 1, 30), treatedMinutes: F.spread(10, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(10, 0.5, 30),
                touchedTouch: 2))
        #expect(bot.taskSpeedups.first?.speedup.value == 1.0)
        #expect(bot.measuredRating == "none")
        #expect(bot.ratingReason == "no measurable gain at task or case level")
    }

    @Test func insufficientData() throws {
        // 10 tasks per side and 5 workflows per cohort, below the default minimum of 30.
        let bot = try rated(
            F.scenario(
                baselineMinutes: F.spread(20, 1, 10), treatedMinutes: F.spread(10, 1, 10),
                controlLeads: F.spread(10, 0.5, 5), controlTouch: 2, touchedLeads: F.spread(5, 0.5, 5),
                touchedTouch: 1))
        #expect(bot.measuredRating == "insufficient data")
        #expect(bot.ratingReason == "needs 30 treated and 30 control cases in strata with both; has 5 and 5")
        #expect(bot.taskSpeedups.first?.speedup.status == "insufficient data")
        #expect(bot.realizedLeadReduction.status == "insufficient data")
    }

    @Test func thresholdsAreConfigurable() throws {
        // The 10% lead gain of goodViaLeadTime becomes excellent with a 10% threshold.
        var options = F.options()
        options.excellentLeadReduction = 0.10
        let input = F.scenario(
            baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
            controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(9, 0.5, 30),
            touchedTouch: 2)
        let report = F.build(input, options)
        #expect(report.assistants.first?.measuredRating == "excellent")
        #expect(report.options.excellentLeadReduction == 0.10)
    }

    // MARK: Perceived value

    @Test func consensusPicksTheMostCommonRatingAndTheLowerOnTies() {
        let c = ValueRatingRule.consensus
        #expect(c([]) == nil)
        #expect(c([.excellent]) == .excellent)
        #expect(c([.good, .good, .none]) == .good)
        #expect(c([.excellent, .excellent, .good]) == .excellent)
        #expect(c([.none, .none, .excellent]) == ValueRating.none)
        // ties: the lower rating
        #expect(c([.excellent, .none]) == ValueRating.none)
        #expect(c([.excellent, .good]) == .good)
        #expect(c([.good, .some, .some, .good]) == .some)
        #expect(c([.excellent, .good, .some, .none]) == ValueRating.none)
    }

    @Test func perceptionGapOnlyWhenPerceivedDiffersFromMeasured() throws {
        func excellentInput(_ perceived: [ValueRating]) -> ReportInput {
            F.scenario(
                baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(5, 0.5, 30),
                touchedTouch: 1, perceptions: ["bot": perceived])
        }
        let differs = try rated(excellentInput([.good, .good, .none]))
        #expect(differs.measuredRating == "excellent")
        #expect(differs.perceivedRating == "good")
        #expect(differs.perceivedResponses == 3)
        #expect(differs.perceptionGap == "people rate it good; the measurements say excellent")

        let agrees = try rated(excellentInput([.excellent, .excellent, .some]))
        #expect(agrees.perceivedRating == "excellent")
        #expect(agrees.perceivedResponses == 3)
        #expect(agrees.perceptionGap == nil)
    }

    @Test func perceivedOnlyAssistantIsListedWithInsufficientMeasurements() throws {
        // "helper" served no task but was rated: it is listed, measured "insufficient data", and no
        // gap is claimed against a measurement that does not exist.
        var input = F.handComputedInput(perceptions: ["helper": [.excellent, .good, .excellent]])
        input.assistants.append(AssistantMetadata(name: "helper", tool: "edr", category: .agent, archetype: .builder))
        let report = F.build(input, F.options(resamples: 50))
        #expect(report.assistants.map(\.name) == ["bot", "helper"])
        let helper = try #require(report.assistants.last)
        #expect(helper.taskSpeedups.isEmpty)
        #expect(helper.workflowEffect == nil)
        #expect(helper.effortSavedHours.status == "insufficient data")
        #expect(helper.realizedLeadReduction.status == "insufficient data")
        #expect(helper.measuredRating == "insufficient data")
        #expect(helper.perceivedRating == "excellent")
        #expect(helper.perceivedResponses == 3)
        #expect(helper.perceptionGap == nil)
        #expect(helper.tool == "edr")
    }
}

// MARK: - Degenerate inputs

@Suite struct ValueReportDegenerateTests {
    typealias F = ReportFixtures

    @Test func noAITasksAtAll() throws {
        let tasks = F.spread(20, 1, 40).map { F.task("high", minutes: $0) }
        let workflows = F.spread(10, 0.5, 40).map { F.workflow("phishing", "high", lead: $0, touch: 2) }
        let report = F.build(
            F.input(tasks: tasks, workflows: workflows, assistants: [AssistantMetadata(name: "bot")]))
        // A registered assistant with no tasks and no ratings is not listed.
        #expect(report.assistants.isEmpty)
        #expect(report.samples.aiTouchedWorkflows == 0)
        #expect(report.samples.untouchedWorkflows == 40)
        #expect(report.headline == "Not enough AI-assisted work in this period to measure its value.")
        #expect(report.text.contains(report.headline))
    }

    @Test func aiTasksButNoBaseline() throws {
        let tasks = F.spread(10, 1, 40).map { F.task("high", minutes: $0, assistant: "bot") }
        let workflows = F.spread(10, 0.5, 40).map {
            F.workflow("phishing", "high", lead: $0, touch: 2, touchedBy: "bot")
        }
        let report = F.build(F.input(tasks: tasks, workflows: workflows))
        let bot = try #require(report.assistants.first)
        let s = try #require(bot.taskSpeedups.first)
        #expect(s.baselineTasks == 0)
        #expect(s.treatedTasks == 40)
        #expect(s.speedup.value == nil)
        #expect(s.speedup.status == "insufficient data")
        #expect(s.speedup.note == "needs 30 baseline and 30 AI tasks; has 0 and 40")
        #expect(s.mixAdjustedSavingMinutes == nil)
        #expect(bot.effortSavedHours.status == "insufficient data")
        #expect(bot.effortSavedHours.value == nil)
        // No control workflows: no shared stratum.
        let c = try #require(bot.workflowEffect)
        #expect(c.strata == 0)
        #expect(c.controlWorkflows == 0)
        #expect(c.deltaLeadHours.status == "insufficient data")
        #expect(bot.realizedLeadReduction.status == "insufficient data")
        #expect(bot.amdahl == nil)
        #expect(bot.measuredRating == "insufficient data")
        #expect(
            report.headline == "Not enough evidence yet for bot (estimator: eligible, eligible cases, like with like).")
        #expect(report.text.contains("insufficient data"))
    }

    @Test func aSingleWorkflow() throws {
        let tasks = [F.task("high", minutes: 5, assistant: "bot"), F.task("high", minutes: 9)]
        let workflows = [F.workflow("phishing", "high", lead: 3, touch: 1, waits: [F.siemSoar: 2], touchedBy: "bot")]
        let report = F.build(F.input(tasks: tasks, workflows: workflows))
        #expect(report.samples.closedWorkflows == 1)
        let bot = try #require(report.assistants.first)
        #expect(bot.workflowEffect?.treatedWorkflows == 1)
        #expect(bot.workflowEffect?.deltaLeadHours.status == "insufficient data")
        #expect(bot.measuredRating == "insufficient data")
        // Even with a minimum of 1 there is no control workflow to compare with.
        let lenient = F.build(F.input(tasks: tasks, workflows: workflows), F.options(minimumSample: 1))
        #expect(lenient.assistants.first?.workflowEffect?.deltaLeadHours.status == "insufficient data")
        #expect(lenient.assistants.first?.realizedLeadReduction.value == nil)
    }

    @Test func allWaitsZero() throws {
        // lead == touch everywhere: waiting is 0 in both arms, so ΔW is exactly 0 and ΔL = ΔA.
        let input = F.scenario(
            baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
            controlLeads: F.spread(10, 0.5, 30), controlTouch: 1, touchedLeads: F.spread(8, 0.5, 30),
            touchedTouch: 1)
        var zeroed = input
        zeroed.workflows = input.workflows.map { w in
            var w = w
            w.touch = w.lead
            w.classWaits = [:]
            return w
        }
        let bot = try #require(F.build(zeroed).assistants.first)
        let c = try #require(bot.workflowEffect)
        #expect(c.deltaWaitHours.value == 0)
        #expect(c.deltaWaitHours.low == 0)
        #expect(c.deltaWaitHours.high == 0)
        #expect(c.deltaIntakeHours.value == 0)
        #expect(c.deltaClosureHours.value == 0)
        #expect(c.deltaWaitByClass.isEmpty)
        #expect(c.deltaLeadHours.value == c.deltaTouchHours.value)
        // ΔL = 8 − 10 = −2 h
        #expect(isClose(c.deltaLeadHours.value, -2))
        #expect(bot.frictionAbsorbedHours.value == 0)
        // Everything the task gains predicted reached the case: capture 1.
        #expect(isClose(bot.valueCaptureRatio?.value, 1))
    }

    @Test func onlyOpenWorkflows() throws {
        let tasks =
            F.spread(20, 1, 30).map { F.task("high", minutes: $0) }
            + F.spread(10, 1, 30).map { F.task("high", minutes: $0, assistant: "bot") }
        let report = F.build(F.input(tasks: tasks, workflows: [], openWorkflows: 7))
        #expect(report.samples.closedWorkflows == 0)
        #expect(report.samples.openWorkflows == 7)
        #expect(report.samples.aiTouchedWorkflows == 0)
        #expect(report.samples.untouchedWorkflows == 0)
        #expect(report.headline == "No closed workflows in this period.")
        let bot = try #require(report.assistants.first)
        // Task figures stand on their own; workflow figures are missing, not zero.
        #expect(bot.taskSpeedups.first?.speedup.value == 2.0)
        #expect(bot.workflowEffect == nil)
        #expect(bot.realizedLeadReduction.status == "insufficient data")
        #expect(bot.realizedSavingHours.value == nil)
        #expect(bot.amdahl == nil)
        #expect(report.text.contains("0 closed workflows"))
        #expect(report.text.contains("7 still open"))
    }

    @Test func prePostWithoutRolloutIsInsufficient() throws {
        let report = F.build(
            F.handComputedInput(), F.options(resamples: 50, baseline: .did))
        let bot = try #require(report.assistants.first)
        #expect(bot.rolloutAt == nil)
        let s = try #require(bot.taskSpeedups.first)
        #expect(s.baselineTasks == 0)
        #expect(s.speedup.status == "insufficient data")
        #expect(bot.effortSavedHours.status == "insufficient data")
        #expect(bot.workflowEffect?.controlWorkflows == 0)
        #expect(bot.workflowEffect?.deltaLeadHours.status == "insufficient data")
        #expect(bot.measuredRating == "insufficient data")
        #expect(report.options.baseline == .did)
    }

    @Test func differenceInDifferencesAroundTheRollout() throws {
        let rollout = F.from.adding(microseconds: 30 * 86_400 * 1_000_000)
        let before = F.from
        let after = rollout.adding(microseconds: 86_400 * 1_000_000)
        // Task baseline: 30 non-AI tasks before the rollout (median 20 min); 10 non-AI tasks after
        // it (100 min) do not count. Treated: 30 after (median 10 min) → speedup 2.
        var tasks = F.spread(20, 1, 30).map { F.task("high", minutes: $0, startedAt: before) }
        tasks += Array(repeating: F.task("high", minutes: 100, startedAt: after), count: 10)
        tasks += F.spread(10, 1, 30).map { F.task("high", minutes: $0, assistant: "bot", startedAt: after) }
        // Four cells in phishing/high (hours):
        // eligible before: 30 × 10 ± 0.5 (mean 10); eligible after: 30 touched 5 ± 0.5 and
        // 10 untouched 12 (mean (150 + 120) / 40 = 6.75); ineligible before: 30 × 8 ± 0.5 (mean 8);
        // ineligible after: 30 × 9 ± 0.5 (mean 9): the trend is +1 h.
        // ITT = (6.75 − 10) − (9 − 8) = −4.25 h; adopted 30 / 40 = 75%.
        func wf(_ lead: Double, _ opened: Timestamp, eligible: Bool, by: String? = nil)
            -> ReportInput.WorkflowObservation
        {
            F.workflow(
                "phishing", "high", lead: lead, touch: 1, waits: [F.siemSoar: lead - 1], touchedBy: by,
                triage: eligible && by == nil ? 0.5 : 0, openedAt: opened)
        }
        var workflows = F.spread(10, 0.5, 30).map { wf($0, before, eligible: true) }
        workflows += F.spread(5, 0.5, 30).map { wf($0, after, eligible: true, by: "bot") }
        workflows += Array(repeating: wf(12, after, eligible: true), count: 10)
        workflows += F.spread(8, 0.5, 30).map { wf($0, before, eligible: false) }
        workflows += F.spread(9, 0.5, 30).map { wf($0, after, eligible: false) }
        let input = F.input(
            tasks: tasks, workflows: workflows, assistants: [AssistantMetadata(name: "bot", rolloutAt: rollout)])
        let report = F.build(input, F.options(baseline: .did))
        let bot = try #require(report.assistants.first)
        #expect(bot.rolloutAt == "2026-03-31T00:00:00Z")
        let s = try #require(bot.taskSpeedups.first)
        #expect(s.baselineTasks == 30)
        #expect(s.speedup.value == 2.0)
        let e = try #require(bot.workflowEffect)
        #expect(e.estimator == "did")
        #expect(e.treatedWorkflows == 40)
        #expect(e.controlWorkflows == 90)
        #expect(isClose(e.adoptedShare, 0.75))
        #expect(isClose(e.deltaLeadHours.value, -4.25))
        // Touch is 1 h everywhere: ΔA = 0, so ΔW = ΔL.
        #expect(isClose(e.deltaTouchHours.value, 0))
        #expect(isClose(e.deltaWaitHours.value, -4.25))
        // Counterfactual: 6.75 + 4.25 = 11 h; reduction 4.25 / 11.
        #expect(isClose(e.counterfactualMeanLeadHours, 11))
        #expect(isClose(bot.realizedLeadReduction.value, 4.25 / 11))
        #expect(e.warnings.first?.hasPrefix("intention to treat") == true)
        #expect(bot.measuredRating == "excellent")
        // The untouched comparison of the same cases is labelled confounded.
        let untouched = try #require(F.build(input, F.options(baseline: .untouched)).assistants.first?.workflowEffect)
        #expect(untouched.confounded)
        #expect(untouched.warnings.first?.hasPrefix("confounded") == true)
    }

    @Test func zeroResamplesGivesEstimatesWithoutIntervals() throws {
        let report = F.build(F.handComputedInput(), F.options(resamples: 0))
        let bot = try #require(report.assistants.first)
        let s = try #require(bot.taskSpeedups.first)
        #expect(s.speedup.value == 3.0)
        #expect(s.speedup.status == "ok")
        #expect(s.speedup.low == nil && s.speedup.high == nil)
        #expect(isClose(bot.effortSavedHours.value, 860.0 / 60.0, tolerance: 1e-12))
        #expect(bot.effortSavedHours.low == nil)
        let c = try #require(bot.workflowEffect)
        #expect(isClose(c.deltaLeadHours.value, -1))
        #expect(c.deltaLeadHours.low == nil && c.deltaLeadHours.high == nil)
        #expect(isClose(bot.realizedLeadReduction.value, 1 / 15.25))
        #expect(bot.realizedLeadReduction.low == nil)
        // Without intervals nothing is shown to be significant.
        #expect(!["excellent", "good", "some"].contains(bot.measuredRating))
        #expect(report.text.contains("alert-triage: 3.0× faster (n = 40 baseline, 40 AI tasks)"))
    }

    @Test func zeroDurationAITasksAreInsufficientNotInfinite() throws {
        let tasks =
            F.spread(20, 1, 30).map { F.task("high", minutes: $0) }
            + Array(repeating: F.task("high", minutes: 0, assistant: "bot"), count: 30)
        let report = F.build(F.input(tasks: tasks, workflows: []), F.options(resamples: 50))
        let s = try #require(report.assistants.first?.taskSpeedups.first)
        #expect(s.speedup.value == nil)
        #expect(s.speedup.status == "insufficient data")
        #expect(s.speedup.note == "AI tasks have zero median duration")
        // The report still encodes (no infinities).
        #expect(throws: Never.self) { try JSONEncoder().encode(report) }
    }

    @Test func emptyInput() throws {
        let report = F.build(F.input(tasks: [], workflows: []))
        #expect(report.assistants.isEmpty)
        #expect(report.guidance.isEmpty)
        #expect(report.samples.closedWorkflows == 0)
        #expect(report.headline == "No closed workflows in this period.")
        #expect(!report.text.isEmpty)
        #expect(!report.markdown.isEmpty)
    }
}

// MARK: - Guidance (value-model §6)

@Suite struct ValueReportGuidanceTests {
    typealias F = ReportFixtures

    func guidance(_ classes: [ValueReport.ClassFriction]) -> [ValueReport.GuidanceItem] {
        let friction = ValueReport.Friction(
            topClasses: classes, intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
            flowEfficiencyMedian: nil, flowEfficiencyP90: nil)
        return F.build(F.input(tasks: [], workflows: [], friction: friction)).guidance
    }

    func friction(
        _ handoffClass: String, _ hours: Double, context: Double = 0.9, tags: [String: Double] = [:]
    ) -> ValueReport.ClassFriction {
        .init(
            handoffClass: handoffClass, waitingHours: hours, handoffs: 10, meanWaitMinutes: hours * 6,
            contextCarriedShare: context, tagReasons: tags)
    }

    @Test func ranksClassAndReasonByHoursAtStakeKeepingTheTopFive() {
        let items = guidance([
            // 100 h, tagged 30 h queue-wait and 10 h approval-wait: 100 × 30/40 = 75 h and 100 × 10/40 = 25 h.
            friction("siem→soar", 100, tags: ["queue-wait": 30, "approval-wait": 10]),
            // untagged, context usually carried: the "untagged" item, 60 h.
            friction("soar→ticketing", 60, context: 0.8),
            // untagged, context rarely carried (20%): "untagged", 50 h, with the pass-context practice.
            friction("edr→soar", 50, context: 0.2),
            // 40 h, tagged 6 h context-regathering and 2 h missing-escalation-path: 30 h and 10 h.
            friction("tip→siem", 40, tags: ["context-regathering": 6, "missing-escalation-path": 2]),
            // 20 h, all tagged missing-escalation-path: 20 h.
            friction("siem→edr", 20, tags: ["missing-escalation-path": 1]),
        ])
        // Seven candidates: 75, 60, 50, 30, 25, 20, 10 → the first five.
        #expect(items.count == 5)
        #expect(items.map(\.handoffClass) == ["siem→soar", "soar→ticketing", "edr→soar", "tip→siem", "siem→soar"])
        #expect(
            items.map(\.reason) == ["queue-wait", "untagged", "untagged", "context-regathering", "approval-wait"])
        #expect(items.map(\.hoursAtStake) == [75, 60, 50, 30, 25])
        #expect(items[0].practice == "route AI verdicts straight to an owner instead of a shared queue")
        #expect(items[1].practice == "ask analysts to tag these waits so the cause is known")
        #expect(items[2].practice == "pass the case id and context between tools")
        #expect(items[3].practice == "pass the case id and context between tools")
        #expect(items[4].practice == "pre-approve standard containment actions")
    }

    @Test func practicesFollowTheValueModel() {
        let items = guidance([
            friction("a→b", 40, tags: ["queue-wait": 1]),
            friction("b→c", 30, tags: ["approval-wait": 1]),
            friction("c→d", 20, tags: ["context-regathering": 1]),
            friction("d→e", 10, tags: ["missing-escalation-path": 1]),
        ])
        let practice = Dictionary(uniqueKeysWithValues: items.map { ($0.reason, $0.practice) })
        #expect(practice["queue-wait"]?.contains("owner") == true)
        #expect(practice["approval-wait"]?.contains("pre-approve standard containment actions") == true)
        #expect(practice["context-regathering"]?.contains("pass the case id and context") == true)
        #expect(practice["missing-escalation-path"]?.contains("document escalation paths") == true)
        // Fully tagged with one reason: all of the class's hours are at stake.
        #expect(items.map(\.hoursAtStake) == [40, 30, 20, 10])
    }

    @Test func everyTaxonomyReasonHasAPractice() {
        let reasons = [
            "queue-wait", "approval-wait", "context-regathering", "tool-switch", "shift-change",
            "missing-escalation-path", "awaiting-requester", "ai-output-rework", "other",
        ]
        for (i, reason) in reasons.enumerated() {
            let items = guidance([friction("x→y", Double(10 + i), tags: [reason: 1])])
            #expect(items.first?.practice.isEmpty == false, "\(reason)")
        }
    }

    @Test func partlyTaggedClassApportionsAllItsHoursByTaggedShare() {
        // 12 h of waiting, only 3 h tagged (2 h queue-wait, 1 h other): 12 × 2/3 = 8 h and 12 × 1/3 = 4 h.
        let items = guidance([friction("siem→soar", 12, tags: ["queue-wait": 2, "other": 1])])
        #expect(items.map(\.reason) == ["queue-wait", "other"])
        #expect(isClose(items.first?.hoursAtStake, 8))
        #expect(isClose(items.last?.hoursAtStake, 4))
        // No "untagged" item for a class that has some tags.
        #expect(!items.contains { $0.reason == "untagged" })
    }

    @Test func noFrictionNoGuidance() {
        #expect(guidance([]).isEmpty)
    }
}

// MARK: - Headline

@Suite struct ValueReportHeadlineTests {
    typealias F = ReportFixtures

    @Test func saysSlowerAndWhereTheWaitingGrewWhenLeadTimeGrewSignificantly() {
        // Speedup 60 / 20 = 3.0. ΔA = 2 − 4 = −2 h, ΔL = 12 − 10 = +2 h (interval far from 0);
        // ΔW = +4 h, all at siem→soar. bot is the only assistant, so any AI says the same.
        let report = F.build(
            F.scenario(
                baselineMinutes: F.spread(60, 1, 30), treatedMinutes: F.spread(20, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 4, touchedLeads: F.spread(12, 0.5, 30),
                touchedTouch: 2))
        let lead = report.portfolio?.workflowEffect?.deltaLeadHours
        #expect(
            report.headline
                == "Cases the AI touched closed 2 h 00 min slower than they would have without it (95% interval \(HumanFormat.signedDuration(hours: lead?.low ?? 0)) to \(HumanFormat.signedDuration(hours: lead?.high ?? 0)) per case). bot made alert-triage 3.0× faster, but the cases it touched closed 2 h 00 min slower: waiting grew by 4 h 00 min per case, most at the siem→soar handoff (estimator: eligible, eligible cases, like with like)."
        )
    }

    @Test func namesTheWinnerOnlyWithTheIntervalsLowerEnd() {
        // Waiting 6 ± 0.5 h in both arms (ΔW = 0); touch 4 → 1 h: ΔL = 7 − 10 = −3 h.
        let report = F.build(
            F.scenario(
                baselineMinutes: F.spread(60, 1, 30), treatedMinutes: F.spread(20, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 4, touchedLeads: F.spread(7, 0.5, 30),
                touchedTouch: 1))
        let saved = report.assistants.first?.realizedSavingHours
        #expect(
            report.headline.contains(
                "bot made the cases it touched 3 h 00 min faster (at least \(HumanFormat.hours(saved?.low ?? 0)) per case)"
            ))
        #expect(report.headline.hasSuffix("(estimator: eligible, eligible cases, like with like)."))
    }

    @Test func namesTheTagOfTheClassWhereWaitingGrew() {
        let friction = ValueReport.Friction(
            topClasses: [
                .init(
                    handoffClass: F.siemSoar, waitingHours: 50, handoffs: 60, meanWaitMinutes: 50,
                    contextCarriedShare: 0.5, tagReasons: ["approval-wait": 4, "queue-wait": 1])
            ],
            intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil, flowEfficiencyMedian: nil,
            flowEfficiencyP90: nil)
        let report = F.build(
            F.scenario(
                baselineMinutes: F.spread(60, 1, 30), treatedMinutes: F.spread(20, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 4, touchedLeads: F.spread(12, 0.5, 30),
                touchedTouch: 2, friction: friction))
        #expect(report.headline.contains("most at the siem→soar handoff (tagged mostly approval-wait)"))
    }

    @Test func saysNotEnoughEvidenceWhenNoIntervalExcludesZero() {
        // Identical arms: ΔL = 0 with an interval around it.
        let report = F.build(
            F.scenario(
                baselineMinutes: F.spread(60, 1, 30), treatedMinutes: F.spread(20, 1, 30),
                controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(10, 0.5, 30),
                touchedTouch: 2))
        #expect(report.headline.contains("Across all AI, the cases' lead time did not measurably change"))
        #expect(report.headline.contains("Not enough evidence yet for bot"))
        #expect(!report.headline.contains("faster than"))
    }
}

// MARK: - Bugs found while writing these tests (failing on purpose; see the report)

@Suite struct ValueReportBuilderBugTests {
    typealias F = ReportFixtures

    /// value-model §3: treated durations are tasks with `ai_mode ≠ none`. A task that names the
    /// assistant but has `ai_mode = none` (the validator accepts it) is a baseline task, not a treated one.
    @Test func taskNamingTheAssistantWithoutAIIsNotTreated() throws {
        var input = F.scenario(
            baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
            controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(5, 0.5, 30),
            touchedTouch: 1)
        input.tasks.append(F.task("high", minutes: 20, assistant: "bot", aiTouched: false))
        let s = try #require(F.build(input, F.options(resamples: 50)).assistants.first?.taskSpeedups.first)
        // Expected: 31 baseline (30 + the ai_mode = none task), 30 treated.
        #expect(s.baselineTasks == 31)
        #expect(s.treatedTasks == 30)
    }

    /// value-model §4: the touched cohort is the workflows with at least one AI task of the
    /// assistant. A workflow that is not AI-touched cannot be in both cohorts at once.
    @Test func workflowIsNeverInBothCohorts() throws {
        var input = F.scenario(
            baselineMinutes: F.spread(20, 1, 30), treatedMinutes: F.spread(10, 1, 30),
            controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(5, 0.5, 30),
            touchedTouch: 1)
        var w = F.workflow("phishing", "high", lead: 10, touch: 2, waits: [F.siemSoar: 8])
        w.assistants = ["bot"]  // aiTouched stays false: bot's only task in it had ai_mode = none
        input.workflows.append(w)
        // Its assistants name bot, so it counts as touched (treated), never also as a control.
        let c = try #require(F.build(input, F.options(resamples: 50)).assistants.first?.workflowEffect)
        #expect(c.treatedWorkflows + c.controlWorkflows == input.workflows.count)
        #expect(c.treatedWorkflows == 31)
        #expect(c.controlWorkflows == 30)
    }

    /// value-model §5 (revised): a task-level gain that does not reach the case, lead time
    /// significantly worse, is `some`, and the reason says where the gain went. Here tasks are
    /// faster (interval above 1, effort share 10%) but cases closed significantly *later*
    /// (ΔL = +2 h on 10 h, interval far from 0).
    @Test func significantlyLongerLeadTimeWithFasterTasksIsSomeAndSaysWhy() throws {
        let bot = try #require(
            F.build(
                F.scenario(
                    baselineMinutes: F.spread(10, 0.1, 30), treatedMinutes: F.spread(9, 0.1, 30),
                    controlLeads: F.spread(10, 0.5, 30), controlTouch: 2, touchedLeads: F.spread(12, 0.5, 30),
                    touchedTouch: 1.5)
            ).assistants.first)
        #expect(isClose(bot.realizedLeadReduction.value, -0.2))
        #expect(bot.realizedLeadReduction.excludes(0))
        #expect(try #require(bot.taskSpeedups.first?.speedup.low) > 1)
        #expect(bot.measuredRating == "some")
        #expect(bot.ratingReason == "tasks 1.1× faster, cases 2 h 00 min slower: waiting ate the gain")
    }

    /// "Pure and deterministic: the same input and options give the same report." Two tag
    /// reasons of one class with equal hours are ordered by the tag dictionary's iteration order,
    /// which differs between equal dictionaries (per-instance hash seeds), so equal inputs give
    /// different guidance (and different reports).
    @Test func equalInputsGiveEqualGuidanceWhenHoursTie() throws {
        func friction(_ tags: [String: Double]) -> ValueReport.Friction {
            .init(
                topClasses: [
                    .init(
                        handoffClass: "siem→soar", waitingHours: 10, handoffs: 4, meanWaitMinutes: 150,
                        contextCarriedShare: 0.5, tagReasons: tags)
                ],
                intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
                flowEfficiencyMedian: nil, flowEfficiencyP90: nil)
        }
        // 5 h tagged queue-wait and 5 h approval-wait: both reasons have 5 h at stake.
        func tags(capacity: Int) -> [String: Double] {
            var d = [String: Double](minimumCapacity: capacity)
            d["queue-wait"] = 5
            d["approval-wait"] = 5
            return d
        }
        let first = tags(capacity: 1)
        // An equal dictionary that happens to iterate in the other order (found within a few tries).
        let other = (2..<60).lazy.map { tags(capacity: $0 % 9 + 1) }.first { Array($0.keys) != Array(first.keys) }
        let a = F.build(F.input(tasks: [], workflows: [], friction: friction(first)))
        // Ties are broken by reason, whatever the dictionary's order.
        #expect(a.guidance.map(\.reason) == ["approval-wait", "queue-wait"])
        if let second = other {
            #expect(first == second)
            let b = F.build(F.input(tasks: [], workflows: [], friction: friction(second)))
            #expect(a.guidance.map(\.reason) == b.guidance.map(\.reason))
        }
    }

    /// value-model §3–§4 and the brief: where samples are missing the report says "insufficient
    /// data", never a number. The CLI accepts `--min-sample 0`; then an assistant whose touched
    /// workflows share no stratum with any control workflow gets ΔL = 0 "ok".
    @Test func noSharedStratumIsInsufficientEvenWithMinimumZero() throws {
        let input = F.input(
            tasks: F.spread(10, 1, 5).map { F.task("high", minutes: $0, assistant: "bot") },
            workflows: F.spread(10, 0.5, 5).map {
                F.workflow("phishing", "high", lead: $0, touch: 2, waits: [F.siemSoar: $0 - 2], touchedBy: "bot")
            })
        let bot = try #require(F.build(input, F.options(minimumSample: 0, resamples: 50)).assistants.first)
        let c = try #require(bot.workflowEffect)
        #expect(c.strata == 0)
        #expect(c.controlWorkflows == 0)
        #expect(c.deltaLeadHours.status == "insufficient data")
        #expect(c.deltaLeadHours.value == nil)
        #expect(c.deltaWaitHours.value == nil)
    }
}

@Suite struct ValueReportPicturesTests {
    static func workflow(
        touched: Bool, opened: String, lead: Double, touch: Double, intake: Double, closure: Double,
        waits: [String: Double]
    ) -> ReportInput.WorkflowObservation {
        let us = { (hours: Double) in Int64(hours * 3_600_000_000) }
        return ReportInput.WorkflowObservation(
            category: "phishing", severity: "high", openedAt: Timestamp(rfc3339: opened)!, lead: us(lead),
            touch: us(touch), intake: us(intake), closure: us(closure), classWaits: waits.mapValues(us),
            aiTouched: touched, assistants: touched ? ["a"] : [], taskTypeTime: [:])
    }

    @Test("the composition's parts add up to the mean lead time (the worked example in Docs/metrics.md)")
    func composition() throws {
        let workflows = [
            Self.workflow(
                touched: true, opened: "2026-03-02T10:00:00Z", lead: 4, touch: 1, intake: 0.5, closure: 0.5,
                waits: ["siem→edr": 2]),
            Self.workflow(
                touched: true, opened: "2026-03-03T10:00:00Z", lead: 6, touch: 1, intake: 1.5, closure: 0.5,
                waits: ["siem→edr": 1, "edr→soar": 2]),
            Self.workflow(
                touched: false, opened: "2026-03-09T10:00:00Z", lead: 3, touch: 2, intake: 1, closure: 0, waits: [:]),
        ]
        let parts = ValueReportBuilder.composition(workflows)
        let touched = try #require(parts.first { $0.cohort == "touched" })
        #expect(touched.workflows == 2)
        #expect(touched.meanLeadHours == 5)
        #expect(touched.meanTouchHours == 1)
        #expect(touched.meanIntakeHours == 1)
        #expect(touched.meanHandoffWaitHours == 2.5)
        #expect(touched.meanClosureHours == 0.5)
        #expect(touched.handoffWaitByClass.map(\.handoffClass) == ["siem→edr", "edr→soar"])
        #expect(touched.handoffWaitByClass.map(\.hours) == [1.5, 1])
        let sum =
            touched.meanTouchHours + touched.meanIntakeHours + touched.meanClosureHours
            + touched.handoffWaitByClass.reduce(0) { $0 + $1.hours }
        #expect(abs(sum - touched.meanLeadHours) < 1e-12)
        #expect(parts.first { $0.cohort == "untouched" }?.workflows == 1)
        #expect(ValueReportBuilder.composition([]).isEmpty)
    }

    @Test("weeks start on Monday (UTC) and carry medians per group")
    func weekly() {
        let workflows = [
            Self.workflow(
                touched: true, opened: "2026-03-02T00:00:00Z", lead: 4, touch: 1, intake: 0, closure: 0, waits: [:]),
            Self.workflow(
                touched: true, opened: "2026-03-08T23:59:59Z", lead: 6, touch: 1, intake: 0, closure: 0, waits: [:]),
            Self.workflow(
                touched: false, opened: "2026-03-09T00:00:00Z", lead: 2, touch: 1, intake: 0, closure: 0, waits: [:]),
        ]
        let weeks = ValueReportBuilder.weekly(workflows)
        #expect(weeks.map(\.weekStart) == ["2026-03-02", "2026-03-09"])
        #expect(weeks[0].closedWorkflows == 2)
        #expect(weeks[0].medianLeadHoursTouched == 5)
        #expect(weeks[0].medianLeadHoursUntouched == nil)
        #expect(weeks[0].waitShare == 8.0 / 10)
        #expect(weeks[1].touchedWorkflows == 0)
        #expect(weeks[1].medianLeadHoursUntouched == 2)
    }
}
