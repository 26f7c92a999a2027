/// Value-model §4: an assistant's effect on the cases it touched, by one of four estimators
/// (`eligible`, the default; `did`; `untouched`, kept for comparison; `experiment`, a randomized
/// holdout designed by ``ExperimentEstimator``, and the default for an assistant whose experiment
/// has the minimum sample in both arms), with coverage, balance and censoring diagnostics, and the
/// derived figures of §4.6 with intervals from the same resamples.
struct WorkflowEffectEstimator: Sendable {
    var options: ReportOptions

    /// Cases an arm needs in a stratum for the stratum to be used.
    static let minimumCell = 2

    /// The effect and the figures derived from it (§4.6), every one with its interval.
    struct Result: Sendable {
        var effect: ValueReport.WorkflowEffect
        var predictedSaving: ValueReport.Estimate
        var realizedSaving: ValueReport.Estimate
        var realizedReduction: ValueReport.Estimate
        var captureRatio: ValueReport.Estimate?
        var frictionAbsorbed: ValueReport.Estimate
        /// Whether the figures are usable (enough cases in used strata, enough coverage).
        var sufficient: Bool
        /// The assistant's experiment (value-model §7), whichever estimator the figures come from.
        var experiment: ValueReport.ExperimentAnalysis? = nil
        /// Why the estimator differs from the report's option, in words; `nil` when it does not.
        var estimatorNote: String? = nil
    }

    /// Which cases form each arm in each stratum.
    struct Design {
        var estimator: ReportOptions.Baseline
        /// The widest time block a comparison needed, and the share of the compared treated
        /// cases compared within each block.
        var timeBlock: TimeBlock?
        var blockShares: [String: Double] = [:]
        var contrast: StratifiedContrast
        /// Cases in the treated arm and in the comparison arms, all strata (used or not).
        var treatedTotal: Int
        var controlTotal: Int
        var usedTreated: Int
        var usedControl: Int
        /// The smallest used comparison arm (for `did`, each of its three arms must be large enough).
        var smallestControlArm: Int
        var coverage: Double?
        var adoptedShare: Double?
        var warnings: [String]
        /// Treated and control cases of the used strata, for balance (`eligible`, `untouched`).
        var balanceStrata: [(treated: [Int32], control: [Int32])]
        /// Arm membership of a closed or open case: the design's own test, which censoring
        /// applies to the open cases too.
        var treatedArm: ArmTest
        var controlArm: ArmTest
        /// `experiment`: each closed and each open case's arm when it is eligible and assigned
        /// (the arm tests read them); empty for the other designs.
        var arms: [ExperimentArm?] = []
        var openArms: [ExperimentArm?] = []
        /// `experiment`: whether each closed case was touched (1 or 0), contrasted with the figures
        /// (the compliance difference).
        var extra: [Int64]? = nil
    }

    /// Whether a case belongs to an arm, from what is known of it whether closed or open.
    typealias ArmTest = (
        _ touched: Bool, _ eligible: Bool, _ anyAI: Bool, _ openedAt: Int64, _ arm: ExperimentArm?
    ) -> Bool

    func estimate(_ plan: AssistantPlan, _ input: ReportInput, seed: UInt64) -> Result {
        // The assistant's experiment, analysed whatever the estimator (the report shows it), and
        // used when asked for or, by default, once both arms have the minimum sample.
        let trial = plan.isPortfolio ? nil : ExperimentEstimator.experiment(for: plan.name, input)
        let analysis = trial.map { ExperimentEstimator(options: options).analyse($0, plan, input, seed: seed &+ 31) }
        let design: Design
        switch options.baseline {
        case .experiment where analysis != nil:
            var chosen = analysis!.result
            chosen.estimatorNote = "estimator: experiment \(trial!.name) (randomized holdout), as asked"
            return chosen
        case .experiment where !plan.isPortfolio:
            return .insufficient(
                estimator: .experiment,
                note: "no experiment of \(plan.name) overlaps the period: start one (PUT /v1/experiments/{name})",
                treated: plan.touched.filter { $0 }.count)
        case .eligible where analysis?.result.sufficient == true:
            var chosen = analysis!.result
            chosen.estimatorNote =
                "estimator: experiment \(trial!.name) (randomized holdout), used by default: both arms have at least \(options.effectiveMinimumSample) cases"
            return chosen
        case .eligible, .experiment: design = eligibleDesign(plan, input)
        case .untouched: design = untouchedDesign(plan, input)
        case .did:
            guard let d = didDesign(plan, input) else {
                var r = Result.insufficient(
                    estimator: .did,
                    note: "no rollout date is recorded for \(plan.name): set rollout_at (PUT /v1/assistants/{name})",
                    treated: plan.touched.filter { $0 }.count)
                r.experiment = analysis?.result.experiment
                return r
            }
            design = d
        }
        var result = estimate(design, plan, input, seed: seed).result
        result.experiment = analysis?.result.experiment
        return result
    }

    /// The figures of a design: the contrast's estimates with their intervals, diagnostics and
    /// derived figures; and the contrast's outcome (with its intervals' path) when it was computed.
    func estimate(_ design: Design, _ plan: AssistantPlan, _ input: ReportInput, seed: UInt64) -> (
        result: Result, outcome: ContrastIntervals?
    ) {
        var warnings = design.warnings
        let minimum = options.effectiveMinimumSample
        var note: String?
        if design.treatedTotal == 0 {
            note =
                design.estimator == .experiment
                ? "no closed eligible case of the period is in the experiment's use arm"
                : "no closed case in the period was touched"
        } else if design.usedTreated < minimum || design.smallestControlArm < minimum {
            note =
                design.estimator == .experiment
                ? "needs \(minimum) cases in each arm of the experiment in strata with both; has \(design.usedTreated) in the use arm and \(design.usedControl) held out"
                : design.estimator == .did
                    ? "needs \(minimum) cases in each of the four cells (eligible and ineligible, before and after the rollout) in strata with all four; has \(design.usedTreated) eligible after and at least \(design.smallestControlArm) in the others"
                    : "needs \(minimum) treated and \(minimum) control cases in strata with both; has \(design.usedTreated) and \(design.usedControl)"
        } else if let coverage = design.coverage, coverage < options.coverageMinimum {
            note =
                "only \(HumanFormat.percent(coverage)) of the treated cases have comparable control cases (needs \(HumanFormat.percent(options.coverageMinimum)))"
        } else if let coverage = design.coverage, coverage < options.coverageWarning, design.estimator != .eligible {
            // `eligible` words its own coverage warning (it also says whether the block widened).
            warnings.append(
                "only \(HumanFormat.percent(coverage)) of the treated cases are in strata with comparable cases; the effect is measured on those"
            )
        }
        let balance = balanceChecks(plan, input, design)
        for b in balance where b.warning {
            warnings.append(
                "\(b.assistant)'s use differs between the groups (\(HumanFormat.percent(b.treatedShare)) of treated, \(HumanFormat.percent(b.controlShare)) of control cases); the effect may include \(b.assistant)'s"
            )
        }
        let censoring = censoringCheck(plan, input, design)
        if let c = censoring, c.warning, let t = c.treatedOpenShare, let k = c.controlOpenShare {
            warnings.append(
                "\(HumanFormat.percent(t)) of treated and \(HumanFormat.percent(k)) of control cases were still open at the period's end; closed cases alone may be biased"
            )
        }
        var effect = ValueReport.WorkflowEffect(
            estimator: design.estimator.rawValue, confounded: design.estimator == .untouched,
            timeBlock: design.timeBlock?.rawValue, timeBlockShares: design.blockShares,
            treatedWorkflows: design.treatedTotal,
            controlWorkflows: design.controlTotal, usedTreatedWorkflows: design.usedTreated,
            usedControlWorkflows: design.usedControl, strata: design.contrast.strata.count,
            coverage: design.coverage, adoptedShare: design.adoptedShare, counterfactualMeanLeadHours: nil,
            deltaLeadHours: .insufficient(note ?? ""), deltaTouchHours: .insufficient(note ?? ""),
            deltaWaitHours: .insufficient(note ?? ""), deltaIntakeHours: .insufficient(note ?? ""),
            deltaClosureHours: .insufficient(note ?? ""), deltaWaitByClass: [], balance: balance,
            censoring: censoring, warnings: warnings)
        if design.estimator == .untouched {
            effect.warnings.insert(
                "confounded: touched cases are compared with cases no AI touched, which often never reached the assistant's step; shown for comparison only",
                at: 0)
        }
        if let note {
            let insufficient = ValueReport.Estimate.insufficient(note)
            return (
                Result(
                    effect: effect, predictedSaving: insufficient, realizedSaving: insufficient,
                    realizedReduction: insufficient, captureRatio: nil, frictionAbsorbed: insufficient,
                    sufficient: false), nil
            )
        }

        var contrast = design.contrast
        contrast.extra = design.extra
        let outcome = ContrastIntervals(contrast, input.workflowColumns, resamples: options.resamples, seed: seed)
        let p = outcome.point
        effect.intervals = outcome.method
        effect.counterfactualMeanLeadHours = p.counterfactualLead
        effect.deltaLeadHours = outcome.estimate(.lead)
        effect.deltaTouchHours = outcome.estimate(.touch)
        effect.deltaWaitHours = outcome.estimate(.wait)
        effect.deltaIntakeHours = outcome.estimate(.intake)
        effect.deltaClosureHours = outcome.estimate(.closure)
        effect.deltaWaitByClass = outcome.classes.indices.compactMap { k in
            guard outcome.varies(.handoffClass(k)) else { return nil }
            return ValueReport.ClassDelta(
                handoffClass: input.names[outcome.classes[k]], deltaHours: outcome.estimate(.handoffClass(k)))
        }
        .sorted {
            let (a, b) = (abs($0.deltaHours.value ?? 0), abs($1.deltaHours.value ?? 0))
            return a != b ? a > b : $0.handoffClass < $1.handoffClass
        }

        let reduction = outcome.reduction()
        // The capture ratio is given only when ΔA's interval excludes 0 (value-model §4.5).
        let capture = effect.deltaTouchHours.excludes(0) ? outcome.ratio(.lead, over: .touch) : nil
        return (
            Result(
                effect: effect, predictedSaving: effect.deltaTouchHours.mapDecreasing { -$0 },
                realizedSaving: effect.deltaLeadHours.mapDecreasing { -$0 }, realizedReduction: reduction,
                captureRatio: capture, frictionAbsorbed: effect.deltaWaitHours, sufficient: true), outcome
        )
    }

    // MARK: - Designs

    /// §4.2: eligible cases, touched versus not, within category × severity × time block,
    /// coarsened stratum by stratum (``twoArmDesign(_:blocks:plan:input:profile:treated:control:)``).
    func eligibleDesign(_ plan: AssistantPlan, _ input: ReportInput) -> Design {
        let columns = input.workflowColumns
        // Cases opened before the assistant's rollout (registered, else its first use) are left
        // out: whether one of them met the assistant depended on how long it took to reach its
        // step, so the slow ones would be the treated ones.
        let start = plan.rollout ?? plan.firstUse ?? .min
        var design = twoArmDesign(
            .eligible, blocks: TimeBlock.allCases, plan: plan, input: input, profile: servedProfiles(plan, columns),
            treated: { touched, _, _, opened, _ in touched && opened >= start },
            control: { touched, eligible, _, opened, _ in eligible && !touched && opened >= start })
        let before = (0..<columns.count).reduce(0) { plan.touched[$1] && columns.openedAt[$1] < start ? $0 + 1 : $0 }
        if before > 0 {
            design.warnings.append(
                "\(before) touched cases opened before the rollout are left out: whether they met \(plan.name) depended on how long they took to reach its step"
            )
        }
        let week = design.blockShares[TimeBlock.week.rawValue] ?? 0
        if design.usedTreated > 0, week < 1 {
            let wider = [TimeBlock.month, .quarter, .anyCategory].compactMap { b in
                design.blockShares[b.rawValue].map {
                    "\(HumanFormat.percent($0)) \(b == .anyCategory ? "with cases of any category of the same severity" : "within the \(b.rawValue)")"
                }
            }
            design.warnings.append(
                "\(HumanFormat.percent(1 - week)) of the compared treated cases had no controls in their week and were compared \(ReportNarrative.list(wider)) (still cut at every rollout date)"
            )
        }
        if let coverage = design.coverage, coverage < options.coverageWarning {
            design.warnings.append(
                "only \(HumanFormat.percent(coverage)) of the treated cases are in strata with control cases; the effect is measured on those"
            )
        }
        return design
    }

    /// §4.3 `untouched`: touched cases versus cases no AI touched, within category × severity.
    func untouchedDesign(_ plan: AssistantPlan, _ input: ReportInput) -> Design {
        twoArmDesign(
            .untouched, blocks: [nil], plan: plan, input: input, profile: [],
            treated: { touched, _, _, _, _ in touched }, control: { _, _, anyAI, _, _ in !anyAI })
    }

    /// Every recorded rollout date, sorted: time blocks are cut at them, so that a block never
    /// mixes cases from before and after another assistant's rollout (the week usually does not
    /// anyway; a widened month or quarter would).
    func rollouts(_ input: ReportInput) -> [Int64] {
        Set(input.assistants.compactMap { $0.rolloutAt?.microseconds }).sorted()
    }

    /// Which of the served task types (K_X) each case reached, as a number shared by exactly the
    /// cases that reached the same set. A case that reaches more of them has more chances to be
    /// touched (above all for the portfolio, where K is every type any AI served, and the cases
    /// no AI touched are mostly the short ones): cases are compared only with cases that reached
    /// the same served steps. Empty when K_X has one type (every eligible case reached it).
    func servedProfiles(_ plan: AssistantPlan, _ columns: ReportWorkflowColumns) -> [Int] {
        guard plan.typeCodes.count > 1 else { return [] }
        let served = Set(plan.typeCodes)
        var ids: [[Int32]: Int] = [:]
        return (0..<columns.count).map { i in
            let reached = Set(columns.types(i).map { columns.typeCode[$0] }).intersection(served).sorted()
            if let id = ids[reached] { return id }
            ids[reached] = ids.count
            return ids.count - 1
        }
    }

    /// Treated against control cases within category × severity × time block × rollout epoch ×
    /// path. With several `blocks` (week, month, quarter), coarsening is progressive: cases in a
    /// weekly stratum with both arms are compared there; the others are regrouped by month, and
    /// what is still unmatched by quarter, then across categories. Every case is in at most one
    /// stratum, each comparison is as fine as the data allow, and the share of the compared
    /// treated cases per block is counted (``Design/blockShares``). Time blocks are cut at every
    /// rollout date (``rollouts(_:)``).
    func twoArmDesign(
        _ estimator: ReportOptions.Baseline, blocks: [TimeBlock?], plan: AssistantPlan, input: ReportInput,
        profile: [Int], treated treatedArm: @escaping ArmTest, control controlArm: @escaping ArmTest
    ) -> Design {
        let columns = input.workflowColumns
        let cuts = blocks.contains(nil) ? [] : rollouts(input)
        func treated(_ i: Int) -> Bool {
            treatedArm(plan.touched[i], plan.eligible[i], columns.aiTouched[i], columns.openedAt[i], nil)
        }
        func control(_ i: Int) -> Bool {
            controlArm(plan.touched[i], plan.eligible[i], columns.aiTouched[i], columns.openedAt[i], nil)
        }
        var remaining: [Int] = []
        var treatedTotal = 0
        var controlTotal = 0
        for i in 0..<columns.count {
            if treated(i) {
                treatedTotal += 1
                remaining.append(i)
            } else if control(i) {
                controlTotal += 1
                remaining.append(i)
            }
        }
        var used: [(treated: [Int32], control: [Int32])] = []
        var treatedByBlock: [(TimeBlock?, Int)] = []
        for block in blocks {
            var cells: [StratumKey: (treated: [Int32], control: [Int32])] = [:]
            for i in remaining {
                let opened = columns.openedAt[i]
                let key = StratumKey(
                    category: block == .anyCategory ? -1 : columns.category[i], severity: columns.severity[i],
                    block: block.map { $0.key(opened) } ?? 0,
                    epoch: cuts.reduce(0) { $1 <= opened ? $0 + 1 : $0 }, profile: profile.isEmpty ? 0 : profile[i])
                if treated(i) {
                    cells[key, default: ([], [])].treated.append(Int32(i))
                } else {
                    cells[key, default: ([], [])].control.append(Int32(i))
                }
            }
            // A stratum is used when each arm has at least 2 cases: with one, its variance cannot be
            // estimated and the bootstrap would treat the case as certain. Stable order (by first
            // case), so resamples do not depend on hashing.
            let usable = cells.filter {
                $0.value.treated.count >= Self.minimumCell && $0.value.control.count >= Self.minimumCell
            }
            .sorted { $0.value.treated[0] < $1.value.treated[0] }
            var taken = Set<Int32>()
            for (_, cell) in usable {
                used.append(cell)
                taken.formUnion(cell.treated)
                taken.formUnion(cell.control)
            }
            treatedByBlock.append((block, usable.reduce(0) { $0 + $1.value.treated.count }))
            remaining.removeAll { taken.contains(Int32($0)) }
        }
        let usedTreated = used.reduce(0) { $0 + $1.treated.count }
        let usedControl = used.reduce(0) { $0 + $1.control.count }
        // The widest block any comparison needed names the design.
        let widest = treatedByBlock.last { $0.1 > 0 }?.0 ?? blocks.first ?? nil
        var shares: [String: Double] = [:]
        if blocks.count > 1, usedTreated > 0 {
            for (block, n) in treatedByBlock where n > 0 {
                if let block { shares[block.rawValue] = Double(n) / Double(usedTreated) }
            }
        }
        return Design(
            estimator: estimator, timeBlock: widest, blockShares: shares,
            contrast: StratifiedContrast(
                strata: used.map {
                    [.init(workflows: $0.treated, coefficient: 1), .init(workflows: $0.control, coefficient: -1)]
                }, interval: .effectOnTreated),
            treatedTotal: treatedTotal, controlTotal: controlTotal, usedTreated: usedTreated,
            usedControl: usedControl, smallestControlArm: usedControl,
            coverage: treatedTotal > 0 ? Double(usedTreated) / Double(treatedTotal) : nil, adoptedShare: nil,
            warnings: [], balanceStrata: used, treatedArm: treatedArm, controlArm: controlArm)
    }

    /// §4.3 `did`: (eligible after − eligible before) − (ineligible after − ineligible before)
    /// within category × severity, weighted by the eligible-after mix: the intention-to-treat
    /// effect over eligible cases after the rollout. `nil` without a rollout date.
    func didDesign(_ plan: AssistantPlan, _ input: ReportInput) -> Design? {
        guard let rollout = plan.rollout else { return nil }
        let columns = input.workflowColumns
        // Cells: 0 eligible after, 1 eligible before, 2 ineligible after, 3 ineligible before.
        var cells: [StratumKey: [[Int32]]] = [:]
        var totals = [0, 0, 0, 0]
        for i in 0..<columns.count {
            let cell = (plan.eligible[i] ? 0 : 2) + (columns.openedAt[i] >= rollout ? 0 : 1)
            let key = StratumKey(
                category: columns.category[i], severity: columns.severity[i], block: 0, epoch: 0, profile: 0)
            cells[key, default: [[], [], [], []]][cell].append(Int32(i))
            totals[cell] += 1
        }
        let used = cells.values.filter { $0.allSatisfy { $0.count >= Self.minimumCell } }.sorted { $0[0][0] < $1[0][0] }
        let usedCounts = (0..<4).map { c in used.reduce(0) { $0 + $1[c].count } }
        let adopted = used.reduce(0) { sum, cells in sum + cells[0].filter { plan.touched[Int($0)] }.count }
        var warnings = [
            "intention to treat: the change over all eligible cases after the rollout, \(usedCounts[0] > 0 ? HumanFormat.percent(Double(adopted) / Double(usedCounts[0])) : "none") of which \(plan.name) touched"
        ]
        if totals[2] + totals[3] == 0 {
            warnings.append(
                "every case reached \(plan.name)'s step: there are no ineligible cases to compare trends with")
        }
        return Design(
            estimator: .did, timeBlock: nil, blockShares: [:],
            contrast: StratifiedContrast(
                strata: used.map { c in
                    [
                        .init(workflows: c[0], coefficient: 1), .init(workflows: c[1], coefficient: -1),
                        .init(workflows: c[2], coefficient: -1), .init(workflows: c[3], coefficient: 1),
                    ]
                }),
            treatedTotal: totals[0], controlTotal: totals[1] + totals[2] + totals[3], usedTreated: usedCounts[0],
            usedControl: usedCounts[1] + usedCounts[2] + usedCounts[3],
            smallestControlArm: min(usedCounts[1], usedCounts[2], usedCounts[3]),
            coverage: totals[0] > 0 ? Double(usedCounts[0]) / Double(totals[0]) : nil,
            adoptedShare: usedCounts[0] > 0 ? Double(adopted) / Double(usedCounts[0]) : nil, warnings: warnings,
            balanceStrata: [],
            treatedArm: { _, eligible, _, opened, _ in eligible && opened >= rollout },
            controlArm: { _, eligible, _, opened, _ in !(eligible && opened >= rollout) })
    }

    struct StratumKey: Hashable {
        var category: Int32
        var severity: Int32
        var block: Int64
        /// How many rollout dates precede the opening.
        var epoch: Int
        /// The served task types the case reached (``servedProfiles(_:_:)``).
        var profile: Int
    }

    // MARK: - Diagnostics

    /// For every other assistant, the share of treated and (treated-mix weighted) control cases
    /// it touched in the used strata.
    func balanceChecks(_ plan: AssistantPlan, _ input: ReportInput, _ design: Design) -> [ValueReport.BalanceCheck] {
        guard !plan.isPortfolio, !design.balanceStrata.isEmpty else { return [] }
        let columns = input.workflowColumns
        let total = Double(design.usedTreated)
        guard total > 0 else { return [] }
        var treated: [Int32: Double] = [:]
        var control: [Int32: Double] = [:]
        for (t, c) in design.balanceStrata {
            let weight = Double(t.count) / total
            for w in t {
                for e in columns.assistants(Int(w)) where columns.assistantCode[e] != plan.code {
                    treated[columns.assistantCode[e], default: 0] += 1 / total
                }
            }
            for w in c {
                for e in columns.assistants(Int(w)) where columns.assistantCode[e] != plan.code {
                    control[columns.assistantCode[e], default: 0] += weight / Double(c.count)
                }
            }
        }
        return Set(treated.keys).union(control.keys).map { code in
            let (t, c) = (treated[code] ?? 0, control[code] ?? 0)
            return ValueReport.BalanceCheck(
                assistant: input.names[code], treatedShare: t, controlShare: c, warning: abs(t - c) > options.balanceGap
            )
        }
        .sorted { $0.assistant < $1.assistant }
    }

    /// Each arm's share of cases still open at the period's end: open now, or closed after it.
    func censoringCheck(_ plan: AssistantPlan, _ input: ReportInput, _ design: Design) -> ValueReport.Censoring? {
        var counts = (treated: 0, treatedOpen: 0, control: 0, controlOpen: 0)
        func count(touched: Bool, eligible: Bool, anyAI: Bool, openedAt: Int64, open: Bool, arm: ExperimentArm?) {
            if design.treatedArm(touched, eligible, anyAI, openedAt, arm) {
                counts.treated += 1
                if open { counts.treatedOpen += 1 }
            } else if design.controlArm(touched, eligible, anyAI, openedAt, arm) {
                counts.control += 1
                if open { counts.controlOpen += 1 }
            }
        }
        let closed = input.workflowColumns
        let end = input.to.microseconds
        for i in 0..<closed.count {
            count(
                touched: plan.touched[i], eligible: plan.eligible[i], anyAI: closed.aiTouched[i],
                openedAt: closed.openedAt[i], open: closed.openedAt[i] + closed.lead[i] > end,
                arm: design.arms.isEmpty ? nil : design.arms[i])
        }
        let open = input.openWorkflowColumns
        for i in 0..<open.count {
            count(
                touched: plan.openTouched[i], eligible: plan.openEligible[i], anyAI: open.aiTouched[i],
                openedAt: open.openedAt[i], open: true, arm: design.openArms.isEmpty ? nil : design.openArms[i])
        }
        guard counts.treated > 0 || counts.control > 0 else { return nil }
        let t = counts.treated > 0 ? Double(counts.treatedOpen) / Double(counts.treated) : nil
        let c = counts.control > 0 ? Double(counts.controlOpen) / Double(counts.control) : nil
        return ValueReport.Censoring(
            treatedOpenShare: t, controlOpenShare: c,
            warning: t.flatMap { t in c.map { abs(t - $0) > options.censoringGap } } ?? false)
    }
}

extension WorkflowEffectEstimator.Result {
    static func insufficient(estimator: ReportOptions.Baseline, note: String, treated: Int) -> Self {
        let e = ValueReport.Estimate.insufficient(note)
        return Self(
            effect: ValueReport.WorkflowEffect(
                estimator: estimator.rawValue, confounded: estimator == .untouched, timeBlock: nil,
                timeBlockShares: [:], treatedWorkflows: treated, controlWorkflows: 0, usedTreatedWorkflows: 0,
                usedControlWorkflows: 0,
                strata: 0, coverage: nil, adoptedShare: nil, counterfactualMeanLeadHours: nil, deltaLeadHours: e,
                deltaTouchHours: e, deltaWaitHours: e, deltaIntakeHours: e, deltaClosureHours: e, deltaWaitByClass: [],
                balance: [], censoring: nil, warnings: [note]),
            predictedSaving: e, realizedSaving: e, realizedReduction: e, captureRatio: nil, frictionAbsorbed: e,
            sufficient: false)
    }
}
