import BatonCore
import BatonSimulation
import Foundation
import Testing

/// Checks every structural property of the workflows of one tenant; returns the problems found
/// (at most a few of each kind, so that a failure stays readable).
private func structuralProblems(_ workflows: [SimulatedWorkflow], tenant: String, scenario s: Scenario) -> [String] {
    var problems: [String] = []
    func problem(_ text: @autoclosure () -> String) { if problems.count < 20 { problems.append(text()) } }
    guard let start = s.startTimestamp else { return ["no start"] }
    let end = start.adding(microseconds: Int64(s.days * 86_400) * 1_000_000)
    let assistants = Dictionary(uniqueKeysWithValues: s.assistants.map { ($0.name, $0) })
    var taskIDs: Set<String> = []
    var previousOpened = start
    for (number, simulated) in workflows.enumerated() {
        let w = simulated.workflow
        let id = w.workflowID
        if simulated.tenant != tenant { problem("\(id): tenant \(simulated.tenant)") }
        // Ids number the workflows in opening order: SOC-1-000001, SOC-1-000002, …
        let digits = String(number + 1)
        let expectedID = tenant.uppercased() + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        if id != expectedID { problem("workflow \(number): id \(id), expected \(expectedID)") }
        if w.openedAt < previousOpened { problem("\(id): opened before the previous workflow") }
        previousOpened = w.openedAt
        if w.openedAt < start || w.openedAt >= end { problem("\(id): opened_at \(w.openedAt) outside the period") }
        guard let closed = w.closedAt else {
            problem("\(id): not closed")
            continue
        }
        if w.category.map({ s.categories[$0] == nil }) ?? true { problem("\(id): category \(w.category ?? "nil")") }
        if w.severity.map({ s.severities[$0.rawValue] == nil }) ?? true {
            problem("\(id): severity missing or foreign")
        }
        if w.outcome != nil { problem("\(id): outcome set") }

        var cursor = w.openedAt
        var lastStep = -1
        var pendingRegather: Int?
        for (i, t) in simulated.tasks.enumerated() {
            if !taskIDs.insert(t.id).inserted { problem("task id \(t.id) repeated") }
            if t.workflowID != id { problem("\(t.id): workflow_id \(t.workflowID)") }
            guard let ended = t.endedAt else {
                problem("\(t.id): no ended_at")
                continue
            }
            // Inside the window, one after the other, each at least a second long.
            if t.startedAt < cursor { problem("\(t.id): starts before the previous task ended or before opened_at") }
            if ended.microseconds(since: t.startedAt) < 1_000_000 { problem("\(t.id): shorter than a second") }
            if ended > closed { problem("\(t.id): ends after closed_at") }
            cursor = ended

            // The id names the step: WF-k, or WF-k-regather for the context re-gathering before step k.
            let suffix = t.id.dropFirst(id.count + 1)
            let regather = suffix.hasSuffix("-regather")
            guard t.id.hasPrefix(id + "-"), let k = Int(regather ? suffix.dropLast(9) : suffix),
                s.steps.indices.contains(k)
            else {
                problem("\(t.id): id does not name a step")
                continue
            }
            let step = s.steps[k]
            if t.tool != step.tool || t.stage != step.stage { problem("\(t.id): tool or stage not those of step \(k)") }
            let previous = i > 0 ? simulated.tasks[i - 1] : nil
            if regather {
                if t.taskType != "context-regathering" || t.aiMode != .none || t.assistant != nil {
                    problem("\(t.id): not a plain context-regathering task")
                }
                if previous.map({ !$0.aiMode.isAITouched }) ?? true {
                    problem("\(t.id): re-gathering that does not follow an AI task")
                }
                if k <= lastStep { problem("\(t.id): out of step order") }
                pendingRegather = k
            } else {
                if t.taskType != step.taskType { problem("\(t.id): task_type \(t.taskType)") }
                if k <= lastStep { problem("\(t.id): out of step order") }
                if let p = pendingRegather, p != k { problem("\(t.id): re-gathering for step \(p) not followed by it") }
                if pendingRegather == nil, i > 0, previous?.id.hasSuffix("-regather") == true {
                    problem("\(t.id): after a foreign re-gathering")
                }
                lastStep = k
                pendingRegather = nil
            }

            // AI tasks: an assistant of this step, in its mode, on or after its rollout day.
            if t.aiMode.isAITouched {
                guard let name = t.assistant, let a = assistants[name] else {
                    problem("\(t.id): AI task without a known assistant")
                    continue
                }
                if a.tool != t.tool || a.taskType != t.taskType { problem("\(t.id): \(name) works elsewhere") }
                if a.aiMode != t.aiMode { problem("\(t.id): ai_mode \(t.aiMode) for \(name)") }
                let rollout = start.adding(microseconds: Int64(a.rolloutDay * 86_400) * 1_000_000)
                if t.startedAt < rollout { problem("\(t.id): uses \(name) before its rollout") }
            } else if t.assistant != nil {
                problem("\(t.id): assistant without ai_mode")
            }

            // Actors: the assistant itself when autonomous, else someone of the step's tier.
            let actor = t.actor ?? ""
            if t.aiMode == .autonomous {
                if actor != "ai:\(t.assistant ?? "")" { problem("\(t.id): actor \(actor)") }
            } else if step.actorTier == "system" {
                if actor != "system:automation" { problem("\(t.id): actor \(actor)") }
            } else {
                let count = s.analysts[step.actorTier] ?? 1
                let prefix = "\(step.actorTier):analyst-"
                let n = actor.hasPrefix(prefix) ? Int(actor.dropFirst(prefix.count)) : nil
                if n.map({ !(1...count).contains($0) }) ?? true || actor.count != prefix.count + 2 {
                    problem("\(t.id): actor \(actor)")
                }
            }

            // context_from names the task just before, in the same workflow.
            if let from = t.contextFrom, from != previous?.id { problem("\(t.id): context_from \(from)") }
        }
        if let p = pendingRegather { problem("\(id): re-gathering for step \(p) ends the workflow") }
        // Every step of probability 1 happens.
        for (k, step) in s.steps.enumerated() where step.probability >= 1 {
            if !simulated.tasks.contains(where: { $0.id == "\(id)-\(k)" }) { problem("\(id): step \(k) missing") }
        }
        if simulated.assistants != Set(simulated.tasks.compactMap(\.assistant)) {
            problem("\(id): assistants \(simulated.assistants) do not match its tasks")
        }
    }
    return problems
}

/// Variance of log(duration factor) over the scenario's severity mix: the spread that severity
/// adds to the logarithm of every task duration.
private func severityLogVariance(_ s: Scenario) -> Double {
    let total = s.severities.values.reduce(0, +)
    var mean = 0.0
    var meanOfSquares = 0.0
    for (severity, weight) in s.severities {
        let x = log(s.durationFactorBySeverity[severity] ?? 1)
        mean += weight / total * x
        meanOfSquares += weight / total * x * x
    }
    return meanOfSquares - mean * mean
}

@Suite("SOCSimulator")
struct SOCSimulatorTests {
    // MARK: Determinism

    @Test("the same seed gives the same NDJSON bytes; another seed gives another SOC")
    func determinism() throws {
        let s = try Fixtures.scenario(workflows: 1500, tenants: 2)
        let a = Fixtures.run(s, seed: 7)
        let b = Fixtures.run(s, seed: 7)
        let c = Fixtures.run(s, seed: 8)
        for tenant in 0..<2 {
            let bytes = Fixtures.ndjson(a.tenants[tenant])
            #expect(bytes == Fixtures.ndjson(b.tenants[tenant]))
            #expect(bytes.utf8.count > 1500 * 100)
            #expect(bytes != Fixtures.ndjson(c.tenants[tenant]))
            // Not a small difference: practically no workflow opens and closes at the same seconds.
            let lines = Set(a.tenants[tenant].map { Record.workflow($0.workflow).ndjsonLine })
            let same = c.tenants[tenant].filter { lines.contains(Record.workflow($0.workflow).ndjsonLine) }.count
            #expect(same < 15, "\(same) identical workflow lines between seeds 7 and 8")
        }
        // The ground truth is deterministic too.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let s1 = try Fixtures.scenario(workflows: 300)
        let truth1 = try encoder.encode(SOCSimulator(scenario: s1, seed: 7).groundTruth())
        let truth2 = try encoder.encode(SOCSimulator(scenario: s1, seed: 7).groundTruth())
        #expect(truth1 == truth2)
    }

    @Test("a tenant's SOC does not depend on how many tenants there are; tenants differ")
    func tenantsAreIndependent() throws {
        let one = Fixtures.run(try Fixtures.scenario(workflows: 800, tenants: 1), seed: 3)
        let three = Fixtures.run(try Fixtures.scenario(workflows: 800, tenants: 3), seed: 3)
        #expect(Fixtures.ndjson(one.tenants[0]) == Fixtures.ndjson(three.tenants[0]))
        let opened = three.tenants.map { $0.map(\.workflow.openedAt) }
        #expect(opened[0] != opened[1])
        #expect(opened[1] != opened[2])
        #expect(three.tenants[1].first?.workflow.workflowID == "SOC-2-000001")
    }

    // MARK: Validity

    @Test("every record passes the collector's validation unchanged", arguments: [1, 2])
    func collectorAcceptsEveryRecord(tenants: Int) throws {
        let s = try Fixtures.scenario(workflows: 1500, tenants: tenants)
        let run = Fixtures.run(s)
        // Well after the period: cases opened on the last day close within hours.
        let now = try #require(s.startTimestamp).adding(microseconds: Int64(s.days + 30) * Fixtures.microsecondsPerDay)
        let validator = RecordValidator(now: now)
        #expect(run.tenants.count == tenants)
        for workflows in run.tenants {
            let records = workflows.flatMap(\.records)
            #expect(records.count > 1500 * 3)
            let items = try BatchParser.parse(Data(Fixtures.ndjson(workflows).utf8), format: .ndjson)
            #expect(items.count == records.count)
            var rejections: [RecordRejection] = []
            var validated: [Record] = []
            for (index, item) in items.enumerated() {
                switch item.flatMap({ validator.validate($0, index: index) }) {
                case .success(let record): validated.append(record)
                case .failure(let rejection): rejections.append(rejection)
                }
            }
            #expect(rejections.isEmpty, "\(rejections.count) rejections, such as \(rejections.prefix(3))")
            #expect(validated == records)
        }
    }

    // MARK: Structure

    @Test("structure of the default SOC: ids, order, windows, steps, assistants, actors, context")
    func structureOfDefault() throws {
        let run = try Fixtures.largeRun()
        #expect(run.tenants.count == 1)
        #expect(run.tenants[0].count == 20_000)
        let problems = structuralProblems(run.tenants[0], tenant: "soc-1", scenario: run.scenario)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // Every kind of task is there: AI tasks of each assistant, re-gathering, carried context.
        let tasks = run.tenants[0].flatMap(\.tasks)
        for a in run.scenario.assistants {
            #expect(tasks.contains { $0.assistant == a.name }, "\(a.name) never used")
        }
        #expect(tasks.contains { $0.taskType == "context-regathering" })
        #expect(tasks.contains { $0.contextFrom != nil })
    }

    @Test("structure with two tenants: ids unique across tenants")
    func structureOfTwoTenants() throws {
        let s = try Fixtures.scenario(workflows: 1500, tenants: 2)
        let run = Fixtures.run(s, seed: 11)
        for (index, workflows) in run.tenants.enumerated() {
            let problems = structuralProblems(workflows, tenant: s.tenants[index].id, scenario: s)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
        let all = run.tenants.flatMap { $0 }
        #expect(Set(all.map(\.workflow.workflowID)).count == 3000)
        let taskIDs = all.flatMap { $0.tasks.map(\.id) }
        #expect(Set(taskIDs).count == taskIDs.count)
    }

    @Test("categories, severities, steps, opening times and adoption follow the scenario's weights")
    func frequencies() throws {
        let run = try Fixtures.largeRun()
        let s = run.scenario
        let workflows = run.tenants[0]
        let n = Double(workflows.count)
        // A share p over n independent draws has standard error sqrt(p(1-p)/n); allow 5 of them.
        func expectShare(_ count: Int, of total: Int, _ p: Double, _ what: String) {
            let share = Double(count) / Double(total)
            let tolerance = 5 * (p * (1 - p) / Double(total)).squareRoot()
            #expect(abs(share - p) <= tolerance, "\(what): \(share) vs \(p) ± \(tolerance)")
        }
        for (category, weight) in s.categories {
            expectShare(
                workflows.filter { $0.workflow.category == category }.count, of: workflows.count, weight, category)
        }
        for (severity, weight) in s.severities {
            let count = workflows.filter { $0.workflow.severity?.rawValue == severity }.count
            expectShare(count, of: workflows.count, weight, severity)
        }
        for (k, step) in s.steps.enumerated() where step.probability < 1 {
            let count = workflows.filter { w in w.tasks.contains { $0.id == "\(w.workflow.workflowID)-\(k)" } }.count
            expectShare(count, of: workflows.count, step.probability, step.taskType)
        }
        // Openings are uniform over the period: mean day = days/2, standard error days/sqrt(12n).
        let start = try #require(s.startTimestamp)
        let meanDay =
            workflows.reduce(0.0) { $0 + Double($1.workflow.openedAt.microseconds(since: start)) } / n
            / Double(Fixtures.microsecondsPerDay)
        #expect(abs(meanDay - s.days / 2) < 5 * s.days / (12 * n).squareRoot(), "mean opening day \(meanDay)")
        // Adoption: among tasks of an assistant's type that start a day or more after its rollout
        // (so that the decision, taken when the previous task ended, was after the rollout too),
        // the share that used it.
        let tasks = workflows.flatMap(\.tasks)
        for a in s.assistants {
            let after = start.adding(microseconds: Int64((a.rolloutDay + 1) * 86_400) * 1_000_000)
            let eligible = tasks.filter { $0.taskType == a.taskType && $0.tool == a.tool && $0.startedAt >= after }
            expectShare(eligible.filter { $0.assistant == a.name }.count, of: eligible.count, a.adoption, a.name)
        }
    }

    // MARK: Agreement with the configured speedups

    @Test(
        "each assistant's empirical task speedup matches its configured speedup",
        arguments: [
            "siem-triage-assistant", "edr-investigation-agent", "soar-playbook-copilot", "ticket-summariser",
            "ti-enrichment-model",
        ])
    func taskSpeedup(assistant name: String) throws {
        let run = try Fixtures.largeRun()
        let s = run.scenario
        let a = try #require(s.assistants.first { $0.name == name })
        let step = try #require(s.steps.first { $0.taskType == a.taskType && $0.tool == a.tool })
        let tasks = run.tenants[0].flatMap(\.tasks)
        let baseline = tasks.filter { $0.taskType == a.taskType && $0.aiMode == .none }.map(Fixtures.minutes)
        let treated = tasks.filter { $0.assistant == name }.map(Fixtures.minutes)
        #expect(baseline.count >= 500)
        #expect(treated.count >= 500)
        guard baseline.count >= 500, treated.count >= 500 else { return }
        let empirical = Fixtures.median(baseline) / Fixtures.median(treated)

        // Tolerance from sampling error. A task's log-duration is the step's normal term
        // (sd = step sigma) plus log(severity duration factor), whose variance over the severity
        // mix is severityLogVariance (0.0446 for the default: sd 0.21); so
        // sigma_eff = sqrt(sigma² + that). Severity is drawn independently of adoption and time, so
        // both samples have the same mix and the true ratio of medians is exactly `speedup`. For
        // (near-)normal log data the standard error of the log of a sample median is
        // sqrt(pi/2) * sigma_eff / sqrt(n); the two samples are independent, so the log ratio has
        // SE = sqrt(SE_B² + SE_T²). We allow 5 SE. Rounding to whole seconds (AI medians are 2 to
        // 20 minutes) and the 1-second floor change the log ratio by under 0.005, far less.
        let sigmaEff = (step.duration.sigma * step.duration.sigma + severityLogVariance(s)).squareRoot()
        func logMedianSE(_ n: Int) -> Double { (Double.pi / 2).squareRoot() * sigmaEff / Double(n).squareRoot() }
        let se = (pow(logMedianSE(baseline.count), 2) + pow(logMedianSE(treated.count), 2)).squareRoot()
        let deviation = log(empirical) - log(a.speedup)
        #expect(
            abs(deviation) <= 5 * se,
            """
            \(name): empirical \(empirical) vs configured \(a.speedup): log ratio off by \(deviation), \
            tolerance ±\(5 * se) (n_B \(baseline.count), n_T \(treated.count), sigma_eff \(sigmaEff))
            """)
    }
}
