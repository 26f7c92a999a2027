import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// The normal-approximation twin of ``StratifiedContrast``: the same point estimates, and the
/// variance each bootstrap scheme's resamples have.
@Suite struct MomentContrastTests {
    static let hour = 3_600_000_000.0

    /// A case of `lead` hours, half of it touch and half waiting at one class (`extra` its flag).
    static func row(_ lead: Double, category: String = "a") -> ReportInput.WorkflowObservation {
        let half = ReportFixtures.us(hours: lead / 2)
        return .init(
            category: category, severity: "high", openedAt: ReportFixtures.from, lead: 2 * half, touch: half,
            intake: 0, closure: 0, classWaits: [ReportFixtures.siemSoar: half], aiTouched: false, assistants: [],
            taskTypeTime: [:])
    }

    /// Two strata: treated {1, 3} h against controls {4, 6, 8} h (mean 6, s² 4); treated
    /// {5, 7, 9, 11} h (s² 20/3) against controls {8, 10} h (mean 9, s² 2). Weights 2/6 and 4/6.
    static func handBuilt() -> (columns: ReportWorkflowColumns, contrast: StratifiedContrast) {
        var names = ReportNames()
        let leads: [Double] = [1, 3, 4, 6, 8, 5, 7, 9, 11, 8, 10]
        let columns = ReportInput.columns(of: leads.map { row($0) }, names: &names)
        let contrast = StratifiedContrast(strata: [
            [.init(workflows: [0, 1], coefficient: 1), .init(workflows: [2, 3, 4], coefficient: -1)],
            [.init(workflows: [5, 6, 7, 8], coefficient: 1), .init(workflows: [9, 10], coefficient: -1)],
        ])
        return (columns, contrast)
    }

    @Test("hand-built: point estimates and variances of both interval methods")
    func byHand() throws {
        let (columns, base) = Self.handBuilt()
        for method in [StratifiedContrast.Interval.effectOnTreated, .everyCell] {
            var contrast = base
            contrast.interval = method
            let o = MomentContrast(contrast, columns).estimate()
            // ΔL = 1/3 (2 − 6) + 2/3 (8 − 9) = −2 h; the treated mean lead 1/3·2 + 2/3·8 = 6 h.
            #expect(abs(o.point.lead + 2) < 1e-12)
            #expect(abs(o.point.touch + 1) < 1e-12)
            #expect(abs(o.point.firstMeanLead - 6) < 1e-12)
            // effectOnTreated: Σ w² s_C² (1/n_T + 1/n_C) = 1/9·4·(1/2 + 1/3) + 4/9·2·(1/4 + 1/2) = 28/27.
            // everyCell: Σ w² Σ s²/n = 1/9 (2/2 + 4/3) + 4/9 (20/3/4 + 2/2) = 39/27.
            let variance = method == .effectOnTreated ? 28.0 / 27 : 39.0 / 27
            #expect(abs(o.variance(.lead) - variance) < 1e-9)
            // Touch and the class wait are half of lead: a quarter of its variance, half its covariance.
            #expect(abs(o.variance(.touch) - variance / 4) < 1e-9)
            #expect(abs(o.variance(.wait) - variance / 4) < 1e-9)
            #expect(abs(o.covariance(.lead, .touch) - variance / 2) < 1e-9)
            #expect(o.classes.count == 1)
            #expect(abs(o.variance(.handoffClass(0)) - variance / 4) < 1e-9)
            #expect(o.variance(.intake) == 0)
            let (low, high) = o.interval(.lead)
            #expect(abs(high - low - 2 * FigureChange.z * variance.squareRoot()) < 1e-9)
            #expect(abs((low + high) / 2 + 2) < 1e-12)
            // ΔL/ΔA is 2 whatever the draws: the delta method gives it no spread.
            let capture = try #require(o.ratio(.lead, over: .touch, interval: .delta))
            #expect(abs(capture.value - 2) < 1e-12)
            #expect(abs(capture.interval.1 - capture.interval.0) < 1e-6)
            // Fieller's is unbounded when ΔA's own interval includes 0 (every cell: z·se 1.18 h
            // against ΔA = −1 h), else also the single point 2 (effect on the treated: 0.998 h).
            let touch = o.interval(.touch)
            if method == .everyCell {
                #expect(touch.0 < 0 && 0 < touch.1)
                #expect(o.ratio(.lead, over: .touch) == nil)
            } else {
                #expect(touch.1 < 0)
                let f = try #require(o.ratio(.lead, over: .touch))
                #expect(abs(f.interval.0 - 2) < 1e-6 && abs(f.interval.1 - 2) < 1e-6)
            }
            // Reduction −ΔL / (6 − ΔL) = 2/8, decreasing in ΔL: its ends are those of ΔL's, swapped.
            let reduction = try #require(o.reductionInterval())
            #expect(abs(reduction.value - 0.25) < 1e-12)
            #expect(abs(reduction.interval.0 - -high / (6 - high)) < 1e-12)
            #expect(abs(reduction.interval.1 - -low / (6 - low)) < 1e-12)
        }
    }

    @Test("the delta method for a ratio of two figures that vary apart, by hand")
    func deltaMethod() throws {
        // Covariance (h²) of lead and touch [[4, 1], [1, 1]], ΔL = −3, ΔA = −1.5: R = 2,
        // Var R = (4 − 2·2·1 + 4·1) / 2.25 = 16/9.
        let point = StratifiedContrast.Figures(
            lead: -3, touch: -1.5, intake: 0, closure: 0, classes: [], firstMeanLead: 10)
        let o = MomentContrast.Outcome(
            classes: [], point: point, covariances: [[4, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
            classVariances: [])
        let r = try #require(o.ratio(.lead, over: .touch, interval: .delta))
        #expect(abs(r.value - 2) < 1e-12)
        #expect(abs(r.interval.1 - r.value - FigureChange.z * 4.0 / 3) < 1e-12)
        // Fieller's ends are the ratios R at which N − R·D is exactly z standard errors from 0:
        // (−3 + 1.5 R)² = z² (4 − 2R + R²). ΔA is 1.5 standard errors from 0, so it is unbounded.
        #expect(o.ratio(.lead, over: .touch) == nil)
        var sharper = o
        sharper.covariances[1][1] = 0.25
        let f = try #require(sharper.ratio(.lead, over: .touch))
        for end in [f.interval.0, f.interval.1] {
            let z2 = FigureChange.z * FigureChange.z
            #expect(abs((-3 + 1.5 * end) * (-3 + 1.5 * end) - z2 * (4 - 2 * end + 0.25 * end * end)) < 1e-9)
        }
        #expect(f.interval.0 < 2 && 2 < f.interval.1)
        // Not the delta method's symmetric interval.
        #expect(abs((f.interval.1 - 2) - (2 - f.interval.0)) > 0.5)
        // Var(wait) = 4 + 1 − 2·1.
        #expect(abs(o.variance(.wait) - 3) < 1e-12)
        #expect(o.ratio(.lead, over: .intake) == nil)
        #expect(o.ratio(.lead, over: .extra) == nil)
    }

    @Test("usable only when every cell of every stratum has at least 30 cases")
    func floor() {
        func contrast(_ sizes: [[Int]]) -> MomentContrast {
            MomentContrast(
                strata: sizes.map { cells in
                    cells.map { n in
                        var m = CellMoments(extra: false)
                        for i in 0..<n { m.add([Int64(i), 0, 0, 0], classes: []) }
                        return .init(moments: m, coefficient: 1)
                    }
                })
        }
        #expect(contrast([[30, 30], [31, 400]]).usable)
        #expect(!contrast([[30, 30], [400, 29]]).usable)
        #expect(!contrast([[29, 300]]).usable)
        #expect(contrast([[30, 30, 30, 30]]).usable)
        #expect(!contrast([[30, 30, 30, 2]]).usable)
        #expect(!contrast([]).usable)
        // Without strata both paths give zeros rather than failing.
        let empty = contrast([]).estimate()
        #expect(empty.point.lead == 0 && empty.variance(.lead) == 0)
        var names = ReportNames()
        let columns = ReportInput.columns(of: [Self.row(1)], names: &names)
        #expect(StratifiedContrast(strata: []).estimate(columns, resamples: 0, seed: 1).point.lead == 0)
    }

    /// Strata of random sizes whose cases have lognormal figures and two classes (one on every
    /// other case), with the experiment's flag as the extra number.
    static func randomDesign(seed: UInt64, cellsPerStratum: Int) -> (
        columns: ReportWorkflowColumns, contrast: StratifiedContrast
    ) {
        var g = SeededGenerator(seed: seed)
        var rows: [ReportInput.WorkflowObservation] = []
        var extra: [Int64] = []
        var strata: [[StratifiedContrast.Cell]] = []
        let coefficients: [Double] = cellsPerStratum == 2 ? [1, -1] : [1, -1, -1, 1]
        for s in 0..<8 {
            var cells: [StratifiedContrast.Cell] = []
            for c in 0..<cellsPerStratum {
                let n = 5 + g.index(below: 60)
                let cases = CellMomentsTests.cases(n, seed: g.next(), medianHours: c == 0 ? 4 : 6 + Double(s))
                let first = Int32(rows.count)
                for k in cases {
                    let classes = Dictionary(uniqueKeysWithValues: k.classes.map { ($0.0 == 3 ? "a→b" : "c→d", $0.1) })
                    rows.append(
                        .init(
                            category: "x", severity: "high", openedAt: ReportFixtures.from, lead: k.figures[0],
                            touch: k.figures[1], intake: k.figures[2], closure: k.figures[3], classWaits: classes,
                            aiTouched: false, assistants: [], taskTypeTime: [:]))
                    extra.append(k.figures[4])
                }
                cells.append(.init(workflows: Array(first..<Int32(rows.count)), coefficient: coefficients[c]))
            }
            strata.append(cells)
        }
        var names = ReportNames()
        let columns = ReportInput.columns(of: rows, names: &names)
        var contrast = StratifiedContrast(
            strata: strata, interval: cellsPerStratum == 2 ? .effectOnTreated : .everyCell)
        contrast.extra = extra
        return (columns, contrast)
    }

    @Test(
        "the point estimates are StratifiedContrast's to rounding, for both designs",
        arguments: [2, 4])
    func samePointEstimates(cells: Int) {
        let (columns, contrast) = Self.randomDesign(seed: UInt64(cells), cellsPerStratum: cells)
        let rows = contrast.estimate(columns, resamples: 0, seed: 1)
        let moments = MomentContrast(contrast, columns).estimate()
        Self.expectSamePoints(rows, moments)
    }

    static func expectSamePoints(_ rows: StratifiedContrast.Outcome, _ moments: MomentContrast.Outcome) {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a)) }
        let (p, q) = (rows.point, moments.point)
        #expect(close(p.lead, q.lead) && close(p.touch, q.touch) && close(p.intake, q.intake))
        #expect(close(p.closure, q.closure) && close(p.extra, q.extra) && close(p.firstMeanLead, q.firstMeanLead))
        #expect(Set(rows.classes) == Set(moments.classes))
        for (k, code) in rows.classes.enumerated() {
            let slot = moments.classes.firstIndex(of: code)
            #expect(slot.map { close(p.classes[k], q.classes[$0]) } == true, "class \(code)")
        }
    }

    /// The truth the normal interval approximates is the spread of the bootstrap's own resamples:
    /// 20,000 of them give each variance within about 1% (√(2/20,000)) and the 5% allowed is
    /// five of those.
    @Test(
        "the variances and covariances are those of the bootstrap's resamples, for both interval methods",
        arguments: [2, 4])
    func varianceOfTheResamples(cells: Int) {
        let (columns, contrast) = Self.randomDesign(seed: 40 + UInt64(cells), cellsPerStratum: cells)
        let replicates = contrast.estimate(columns, resamples: 20_000, seed: 7)
        let o = MomentContrast(contrast, columns).estimate()
        func covariance(_ a: (StratifiedContrast.Figures) -> Double, _ b: (StratifiedContrast.Figures) -> Double)
            -> Double
        {
            let r = replicates.replicates
            let (ma, mb) = (r.map(a).reduce(0, +) / Double(r.count), r.map(b).reduce(0, +) / Double(r.count))
            return r.reduce(0.0) { $0 + (a($1) - ma) * (b($1) - mb) } / Double(r.count - 1)
        }
        let slot = { (code: Int32) in replicates.classes.firstIndex(of: code)! }
        var checks: [(String, Double, Double)] = [
            ("lead", covariance(\.lead, \.lead), o.variance(.lead)),
            ("touch", covariance(\.touch, \.touch), o.variance(.touch)),
            ("wait", covariance(\.wait, \.wait), o.variance(.wait)),
            ("intake", covariance(\.intake, \.intake), o.variance(.intake)),
            ("closure", covariance(\.closure, \.closure), o.variance(.closure)),
            ("extra", covariance(\.extra, \.extra), o.variance(.extra)),
            ("lead·touch", covariance(\.lead, \.touch), o.covariance(.lead, .touch)),
            ("lead·extra", covariance(\.lead, \.extra), o.covariance(.lead, .extra)),
        ]
        for (k, code) in o.classes.enumerated() {
            let s = slot(code)
            checks.append(
                ("class \(code)", covariance({ $0.classes[s] }, { $0.classes[s] }), o.variance(.handoffClass(k))))
        }
        for (name, resampled, formula) in checks {
            print("MomentContrast \(cells) cells, \(name): resamples \(resampled), formula \(formula)")
            // A covariance is compared on the scale of its figures' spread.
            let scale =
                name.contains("·")
                ? (o.variance(.lead) * o.variance(name.hasSuffix("extra") ? .extra : .touch)).squareRoot() : formula
            #expect(abs(resampled - formula) <= 0.05 * scale, "\(name): resamples \(resampled), formula \(formula)")
        }
    }
}

/// The simulator's default SOC (20,000 cases): each assistant's `eligible` design, normal
/// intervals against the bootstrap's with 10,000 resamples (each end's Monte Carlo error about
/// 0.7% of the interval's width).
@Suite struct MomentContrastSimulationTests {
    /// The design's strata whose cells all have at least the floor, and the others.
    static func floorStrata(_ contrast: StratifiedContrast) -> (kept: StratifiedContrast, dropped: Int) {
        var kept = contrast
        kept.strata = contrast.strata.filter { $0.allSatisfy { $0.workflows.count >= MomentContrast.minimumCell } }
        return (kept, contrast.strata.count - kept.strata.count)
    }

    /// How far the normal interval's ends are from the bootstrap's: relative to the bootstrap
    /// interval's width, and to each end's own value.
    struct Gap {
        var width = 0.0
        var end = 0.0
        var worst = ""

        mutating func add(_ what: String, bootstrap b: (Double, Double), normal n: (Double, Double)) {
            // A class no compared case waits at has no spread on either path.
            guard b.1 > b.0 else {
                #expect(n.0 == n.1, "\(what): bootstrap without spread, normal \(n)")
                return
            }
            let w = max(abs(n.0 - b.0), abs(n.1 - b.1)) / (b.1 - b.0)
            let e = max(abs(n.0 / b.0 - 1), abs(n.1 / b.1 - 1))
            if w > width { (width, worst) = (w, what) }
            end = max(end, e)
        }
    }

    /// Compares the normal intervals of `contrast` with its bootstrap's (10,000 resamples) into
    /// `gaps`, by figure.
    static func compare(
        _ contrast: StratifiedContrast, _ label: String, _ input: ReportInput, into gaps: inout [String: Gap]
    ) {
        let moments = MomentContrast(contrast, input.workflowColumns)
        #expect(moments.usable)
        let rows = contrast.estimate(input.workflowColumns, resamples: 10_000, seed: 11)
        let o = moments.estimate()
        MomentContrastTests.expectSamePoints(rows, o)
        let r = rows.replicates
        func compare(
            _ name: String, _ figure: MomentContrast.Figure, _ replicate: (StratifiedContrast.Figures) -> Double
        ) {
            guard let b = Statistics.percentileInterval(r.map(replicate)) else { return }
            let n = o.interval(figure)
            gaps[name, default: Gap()].add(label, bootstrap: b, normal: n)
            print("MomentContrast \(label) \(name): bootstrap [\(b.0), \(b.1)], normal [\(n.0), \(n.1)]")
        }
        compare("lead", .lead, \.lead)
        compare("touch", .touch, \.touch)
        compare("wait", .wait, \.wait)
        compare("intake", .intake, \.intake)
        compare("closure", .closure, \.closure)
        for (k, code) in o.classes.enumerated() {
            let slot = rows.classes.firstIndex(of: code)!
            compare("class \(input.names[code])", .handoffClass(k)) { $0.classes[slot] }
        }
        // Given, as in the report, only when ΔA's interval excludes 0.
        if o.interval(.touch).1 < 0 || o.interval(.touch).0 > 0,
            let b = Statistics.percentileInterval(r.map { $0.touch != 0 ? $0.lead / $0.touch : .nan }),
            let delta = o.ratio(.lead, over: .touch, interval: .delta),
            let fieller = o.ratio(.lead, over: .touch, interval: .fieller)
        {
            gaps["capture ratio (Fieller)", default: Gap()].add(label, bootstrap: b, normal: fieller.interval)
            gaps["capture ratio (delta)", default: Gap()].add(label, bootstrap: b, normal: delta.interval)
            let z = o.value(.touch) / o.variance(.touch).squareRoot()
            print(
                "MomentContrast \(label) capture (ΔA at \(z) standard errors): bootstrap [\(b.0), \(b.1)], Fieller \(fieller.interval), delta \(delta.interval)"
            )
        }
        if let reduction = o.reductionInterval(),
            let b = Statistics.percentileInterval(
                r.map { $0.counterfactualLead > 0 ? -$0.lead / $0.counterfactualLead : .nan })
        {
            gaps["reduction", default: Gap()].add(label, bootstrap: b, normal: reduction.interval)
        }
    }

    static func report(_ gaps: [String: Gap], _ design: String) {
        for (name, gap) in gaps.sorted(by: { $0.key < $1.key }) where !gap.worst.isEmpty {
            print(
                "MomentContrast agreement (\(design)) \(name): worst end \(String(format: "%.2f%%", 100 * gap.width)) of the bootstrap width (\(gap.worst)), \(String(format: "%.2f%%", 100 * gap.end)) of the end's value"
            )
        }
        // ΔL, ΔA, ΔW, intake, closure and the reduction within 2% of the width. Each class too,
        // within 3%: an end of a 10,000-resample percentile interval has a Monte Carlo error of
        // about 0.7% of the width, and the worst of some hundred class ends reaches 2% by chance
        // (measured: did's worst class end, 2.68% with the bootstrap's seed 11, is 1.16% with 12).
        let linear = gaps.filter { !$0.key.hasPrefix("capture") }
        #expect(linear.count >= 6)
        for (name, gap) in linear {
            #expect(gap.width < (name.hasPrefix("class") ? 0.03 : 0.02), "\(design) \(name): \(gap)")
        }
    }

    static let sim = SOCSimulator(scenario: try! Scenario.bundled(named: "default"), seed: 5)

    /// Every assistant's design (`nil`: none), cut to its strata at the floor, compared and
    /// reported; the number of designs compared.
    static func agreement(
        _ label: String, design: (WorkflowEffectEstimator, AssistantPlan, ReportInput) -> StratifiedContrast?
    ) -> Int {
        let input = sim.reportInput()
        let builder = ValueReportBuilder()
        let estimator = WorkflowEffectEstimator(options: builder.options)
        var gaps: [String: Gap] = [:]
        var compared = 0
        for plan in builder.plans(input) {
            guard let whole = design(estimator, plan, input) else { continue }
            let (contrast, dropped) = floorStrata(whole)
            print(
                "MomentContrast \(label) \(plan.name): \(whole.strata.count) strata, \(dropped) with a cell under \(MomentContrast.minimumCell)"
            )
            guard !contrast.strata.isEmpty else { continue }
            compare(contrast, "\(label) \(plan.name)", input, into: &gaps)
            compared += 1
        }
        report(gaps, label)
        return compared
    }

    // No whole eligible design of this SOC meets the floor (weekly strata are small): the strata
    // of each that do are compared.
    @Test("eligible designs (effect on the treated): the normal intervals' ends are within 2% of the bootstrap's width")
    func eligibleAgreement() {
        #expect(Self.agreement("eligible") { $0.eligibleDesign($1, $2).contrast } > 0)
    }

    @Test("did designs (every cell resampled): the normal intervals' ends are within 2% of the bootstrap's width")
    func didAgreement() {
        #expect(Self.agreement("did") { $0.didDesign($1, $2)?.contrast } > 0)
    }
}

/// Value-model §9's check for the normal intervals: against the simulator's counterfactual truth
/// (every touched case replayed without the assistant), side by side with the bootstrap's on the
/// same designs. The whole `eligible` designs are used, below the floor too (no design of a
/// 20,000-case SOC meets it), since the truth is the effect on all the compared treated cases: the
/// normal intervals have the bootstrap's variance, so their coverage should be the bootstrap's.
/// Slow: `.ci/run` runs it (`BATON_SLOW_TESTS=1`).
@Suite struct MomentContrastCoverageTests {
    static let slow = ProcessInfo.processInfo.environment["BATON_SLOW_TESTS"] == "1"
    static let seeds = 1...20

    @Test(
        "the normal intervals cover the simulator's truth as often as the bootstrap's",
        .enabled(if: slow, "slow (20 simulated SOCs of 20,000 cases): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func coverage() throws {
        let scenario = try Scenario.bundled(named: "default")
        let builder = ValueReportBuilder()
        let estimator = WorkflowEffectEstimator(options: builder.options)
        let figures: [(String, MomentContrast.Figure, (StratifiedContrast.Figures) -> Double)] = [
            ("ΔL", .lead, \.lead), ("ΔA", .touch, \.touch), ("ΔW", .wait, \.wait), ("Δintake", .intake, \.intake),
            ("Δclosure", .closure, \.closure),
        ]
        var normal = [String: Int]()
        var bootstrap = [String: Int]()
        var total = 0
        var usable = 0
        for k in Self.seeds {
            let sim = SOCSimulator(scenario: scenario, seed: UInt64(k) * 7_919)
            let truth = try #require(sim.groundTruth().tenants.first)
            let input = sim.reportInput()
            let plans = builder.plans(input)
            for a in truth.assistants {
                let plan = try #require(plans.first { $0.name == a.name })
                let design = estimator.eligibleDesign(plan, input)
                guard design.usedTreated >= 30, design.usedControl >= 30 else { continue }
                let moments = MomentContrast(design.contrast, input.workflowColumns)
                if moments.usable { usable += 1 }
                let o = moments.estimate()
                let r = design.contrast.estimate(input.workflowColumns, resamples: 1_000, seed: plan.seed).replicates
                total += 1
                let minutes = [
                    a.deltaLeadMinutes, a.deltaTouchMinutes, a.deltaWaitMinutes, a.deltaIntakeMinutes,
                    a.deltaClosureMinutes,
                ]
                for ((name, figure, replicate), m) in zip(figures, minutes) {
                    let t = m / 60
                    let n = o.interval(figure)
                    if n.0 <= t, t <= n.1 { normal[name, default: 0] += 1 }
                    if let b = Statistics.percentileInterval(r.map(replicate)), b.0 <= t, t <= b.1 {
                        bootstrap[name, default: 0] += 1
                    }
                }
            }
        }
        for (name, _, _) in figures {
            print(
                "MomentContrast coverage \(name): normal \(normal[name, default: 0]) of \(total), bootstrap \(bootstrap[name, default: 0]) of \(total)"
            )
        }
        print("MomentContrast coverage: \(usable) of \(total) designs meet the floor of \(MomentContrast.minimumCell)")
        #expect(total >= 4 * Self.seeds.count)
        let covered = figures.reduce(0) { $0 + normal[$1.0, default: 0] }
        let covering = figures.reduce(0) { $0 + bootstrap[$1.0, default: 0] }
        // Calibrated 95% intervals: 90% of them cover (as EffectValidationTests asks), and the two
        // paths differ in a few borderline cases only.
        #expect(Double(covered) >= 0.9 * Double(total * figures.count))
        #expect(abs(covered - covering) <= total * figures.count / 50)
    }
}
