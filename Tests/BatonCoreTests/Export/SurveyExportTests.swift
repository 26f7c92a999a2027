import BatonTestSupport
import Foundation
import Testing

@testable import BatonCore

/// A value report built by hand with hostile names; every expected cell is worked out in the
/// comments from the report's own figures.
enum SurveyFixtures {
    static let hostileAssistant = "=HYPERLINK(\"http://evil.example\",\"click, me\")"
    static let plainAssistant = "@SUM(1+1)\nbot"
    static let tenant = "acme-soc"
    static let socName = "Acme \"Blue\" SOC, Brussels"

    static func assistant(
        _ name: String, speedups: [ValueReport.TaskSpeedup] = [], effort: ValueReport.Estimate,
        reduction: ValueReport.Estimate, capture: ValueReport.Estimate? = nil,
        predicted: ValueReport.Estimate = .insufficient("x"), effect: ValueReport.WorkflowEffect? = nil,
        measured: String, perceived: String? = nil, responses: Int = 0, gap: String? = nil, tool: String? = nil,
        category: String? = nil, archetype: String? = nil
    ) -> ValueReport.AssistantValue {
        .init(
            name: name, tool: tool, category: category, archetype: archetype, rolloutAt: nil, taskSpeedups: speedups,
            mainTaskType: TaskSpeedupEstimator.main(of: speedups), effortSavedHours: effort,
            effortSavedShare: .insufficient("x"), effortSavedValue: nil, workflowEffect: effect,
            predictedSavingHours: predicted, realizedSavingHours: .insufficient("x"), realizedLeadReduction: reduction,
            valueCaptureRatio: capture, frictionAbsorbedHours: .insufficient("x"), amdahl: nil,
            measuredRating: measured, ratingReason: "no measurable gain at task or case level",
            perceivedRating: perceived, perceivedResponses: responses, perceptionGap: gap)
    }

    static let effect = ValueReport.WorkflowEffect(
        estimator: "eligible", confounded: false, timeBlock: "week", timeBlockShares: ["week": 1], treatedWorkflows: 40,
        controlWorkflows: 60,
        usedTreatedWorkflows: 36, usedControlWorkflows: 55, strata: 3, coverage: 0.9, adoptedShare: nil,
        counterfactualMeanLeadHours: 10, deltaLeadHours: .ok(0.5, (-0.2, 1.2)),
        deltaTouchHours: .ok(-1, (-1.5, -0.5)), deltaWaitHours: .ok(1.5, (0.5, 2.5)),
        deltaIntakeHours: .ok(0.1, (0, 0.2)), deltaClosureHours: .ok(0.1, (0, 0.2)),
        deltaWaitByClass: [
            .init(handoffClass: "soar→ticketing", deltaHours: .ok(-1.5, (-2, -1))),
            .init(handoffClass: "siem→soar", deltaHours: .ok(1.2, (0.8, 1.6))),
        ],
        balance: [], censoring: nil, warnings: ["edr-agent's use differs between the groups"])

    /// The "any AI" row: lead time −10% [−15%, −5%] (a reduction of 0.10 [0.05, 0.15]).
    static let portfolio = assistant(
        ValueReportBuilder.portfolioName, effort: .insufficient("x"), reduction: .ok(0.10, (0.05, 0.15)),
        effect: effect, measured: "good")

    static var report: ValueReport {
        let first = assistant(
            hostileAssistant,
            speedups: [
                .init(
                    taskType: "alert-triage", baselineTasks: 100, treatedTasks: 80, speedup: .ok(3, (2.5, 3.5)),
                    mixAdjustedSavingMinutes: 8),
                .init(
                    taskType: "enrichment", baselineTasks: 5, treatedTasks: 20,
                    speedup: .insufficient("needs 30 baseline and 30 AI tasks; has 5 and 20"),
                    mixAdjustedSavingMinutes: nil),
            ],
            effort: .ok(12.5, (10, 15)), reduction: .ok(-0.05, (-0.12, 0.02)), capture: .ok(-0.5, (-1, 0)),
            predicted: .ok(1, (0.5, 1.5)), effect: effect, measured: "none", perceived: "good", responses: 3,
            gap: "people rate it good; the measurements say none", tool: "siem, edr", category: "copilot",
            archetype: "taker")
        let second = assistant(
            plainAssistant, effort: .insufficient("needs 30 AI tasks"), reduction: .insufficient("too few workflows"),
            measured: "insufficient data")
        return ValueReport(
            schemaVersion: 2, tenant: tenant,
            period: .init(from: "2026-01-05T00:00:00Z", to: "2026-04-05T00:00:00Z"), options: ReportOptions(),
            samples: .init(
                closedWorkflows: 100, openWorkflows: 2, inferredOpenings: 0, aiTouchedWorkflows: 40,
                untouchedWorkflows: 60, tasks: 500),
            headline: "", assistants: [first, second], portfolio: portfolio,
            friction: .init(
                topClasses: [
                    .init(
                        handoffClass: "siem→soar", waitingHours: 30, handoffs: 50, meanWaitMinutes: 36,
                        contextCarriedShare: 0.2, tagReasons: ["queue-wait": 3, "approval-wait": 1])
                ], intakeHours: 5, closureHours: 4, pingPongShare: 0.1, contextCarriedShare: 0.2,
                flowEfficiencyMedian: 0.25, flowEfficiencyP90: 0.6),
            guidance: [
                .init(
                    handoffClass: "siem→soar", reason: "queue-wait", hoursAtStake: 22.5,
                    practice: "route AI verdicts straight to an owner")
            ],
            readiness: .init(tasksWithStageShare: 1, handoffsWithContextShare: 0.2, waitingHoursTaggedShare: 0.1),
            leadComposition: [], weekly: [])
    }

    static let context = SurveyContext(
        socName: socName, deliveryModel: .hybrid, handoffWaitShare: 0.4,
        salt: [UInt8](repeating: 42, count: 32))

    static func column(_ name: String) -> Int { SurveyExport.columns.firstIndex(of: name)! }
}

@Suite("SurveyExport")
struct SurveyExportTests {
    typealias F = SurveyFixtures

    @Test("the columns are the issue's list plus notes, in that order")
    func columns() {
        #expect(
            SurveyExport.columns == [
                "soc", "delivery_model", "period_start", "period_end", "assistant", "ai_category", "archetype",
                "tool", "tasks_observed", "task_speedup", "task_speedup_ci_low", "task_speedup_ci_high",
                "effort_hours_saved", "lead_time_change_pct", "lead_time_change_ci_low", "lead_time_change_ci_high",
                "estimator", "coverage", "value_capture_ratio", "flow_efficiency_median", "handoff_wait_share",
                "top_friction_class",
                "top_friction_reason", "measured_value_rating", "perceived_value_rating",
                "handoffs_out_with_context_share", "regather_after_share", "duplicate_hours", "notes",
            ])
    }

    @Test("the SOC row and the assistant rows carry the report's figures, re-signed where the column says so")
    func cells() throws {
        let text = SurveyExport(report: F.report, context: F.context, anonymize: false).csv()
        let rows = try CSVReader.records(text)
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.count == SurveyExport.columns.count })
        func cell(_ row: Int, _ column: String) -> String { rows[row][F.column(column)] }

        // SOC row: report-wide figures; effort is the sum over assistants with a value (12.5 only).
        #expect(cell(1, "soc") == F.socName)
        #expect(cell(1, "delivery_model") == "hybrid")
        #expect(cell(1, "period_start") == "2026-01-05")
        #expect(cell(1, "period_end") == "2026-04-05")
        #expect(cell(1, "assistant") == "")
        #expect(cell(1, "tasks_observed") == "500")
        #expect(cell(1, "effort_hours_saved") == "12.5")
        #expect(cell(1, "flow_efficiency_median") == "0.25")
        #expect(cell(1, "handoff_wait_share") == "0.4")
        #expect(cell(1, "top_friction_class") == "siem→soar")
        #expect(cell(1, "top_friction_reason") == "queue-wait")
        #expect(cell(1, "task_speedup") == "")
        #expect(cell(1, "notes").contains("soc-level row"))
        // The SOC row's lead-time change is the portfolio's: a reduction of 10% [5%, 15%] is a
        // change of −10% [−15%, −5%], by the eligible estimator with 90% coverage.
        #expect(cell(1, "lead_time_change_pct") == "-10")
        #expect(cell(1, "lead_time_change_ci_low") == "-15")
        #expect(cell(1, "lead_time_change_ci_high") == "-5")
        #expect(cell(1, "estimator") == "eligible")
        #expect(cell(1, "coverage") == "0.9")

        // Rows sorted by name: "'=HYPERLINK…" sorts before "@SUM…" ('=' < '@').
        #expect(cell(2, "assistant") == "'" + F.hostileAssistant)
        #expect(cell(2, "tool") == "siem, edr")
        #expect(cell(2, "ai_category") == "copilot")
        #expect(cell(2, "archetype") == "taker")
        // Tasks observed: 80 + 20 AI tasks; the speedup is alert-triage's (80 of them).
        #expect(cell(2, "tasks_observed") == "100")
        #expect(cell(2, "task_speedup") == "3")
        #expect(cell(2, "task_speedup_ci_low") == "2.5")
        #expect(cell(2, "task_speedup_ci_high") == "3.5")
        #expect(cell(2, "notes").contains("task_speedup: for task type 'alert-triage' (80 of 100 AI tasks"))
        #expect(cell(2, "effort_hours_saved") == "12.5")
        // Realized reduction −5% [−12%, 2%] is a lead-time change of +5% [−2%, +12%]: a negative
        // number stays a number (no formula guard).
        #expect(cell(2, "lead_time_change_pct") == "5")
        #expect(cell(2, "lead_time_change_ci_low") == "-2")
        #expect(cell(2, "lead_time_change_ci_high") == "12")
        #expect(cell(2, "estimator") == "eligible")
        #expect(cell(2, "coverage") == "0.9")
        #expect(cell(2, "notes").contains("lead_time_change_pct: edr-agent's use differs between the groups"))
        #expect(cell(2, "value_capture_ratio") == "-0.5")
        #expect(cell(2, "flow_efficiency_median") == "")
        // Waiting grew most at siem→soar (+1.2 h; soar→ticketing shrank), tagged mostly queue-wait (3 h of 4).
        #expect(cell(2, "top_friction_class") == "siem→soar")
        #expect(cell(2, "top_friction_reason") == "queue-wait")
        #expect(cell(2, "measured_value_rating") == "none")
        #expect(cell(2, "perceived_value_rating") == "good")
        #expect(cell(2, "notes").contains("gap: people rate it good; the measurements say none"))

        // Second assistant: nothing measurable, every empty cell explained.
        #expect(cell(3, "assistant") == "'" + F.plainAssistant)
        #expect(cell(3, "tasks_observed") == "0")
        for column in [
            "task_speedup", "effort_hours_saved", "lead_time_change_pct", "estimator", "coverage",
            "measured_value_rating",
        ] {
            #expect(cell(3, column) == "")
            #expect(cell(3, "notes").contains(column + ":"), "no note for \(column)")
        }
        #expect(cell(3, "notes").contains("effort_hours_saved: insufficient data (needs 30 AI tasks)"))
        #expect(cell(3, "notes").contains("perceived_value_rating: no ratings recorded"))
    }

    @Test("anonymised: stable pseudonyms, and no tenant name, assistant name or task type anywhere")
    func anonymised() throws {
        let export = SurveyExport(report: F.report, context: F.context, anonymize: true)
        let text = export.csv()
        for secret in [F.tenant, F.socName, "Acme", F.hostileAssistant, "HYPERLINK", "@SUM", "alert-triage"] {
            #expect(!text.contains(secret), "the anonymised file contains \(secret)")
        }
        let pseudonyms = Pseudonymizer(salt: F.context.salt)
        let rows = try CSVReader.records(text)
        #expect(rows[1][F.column("soc")] == pseudonyms.pseudonym(F.tenant, kind: .soc))
        let names = Set(rows.dropFirst(2).map { $0[F.column("assistant")] })
        #expect(
            names == [
                pseudonyms.pseudonym(F.hostileAssistant, kind: .assistant),
                pseudonyms.pseudonym(F.plainAssistant, kind: .assistant),
            ])
        // The figures are unchanged.
        #expect(rows.dropFirst(2).contains { $0[F.column("task_speedup")] == "3" })
        // Stable: the same input gives the same file.
        #expect(SurveyExport(report: F.report, context: F.context, anonymize: true).csv() == text)
    }

    @Test("hostile names survive Baton's own CSV reader")
    func ownReader() throws {
        let text = SurveyExport(report: F.report, context: F.context, anonymize: false).csv()
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let ours = try CSVReader.records(text)
        #expect(ours[2][F.column("assistant")] == "'" + F.hostileAssistant)
        #expect(ours[3][F.column("assistant")] == "'" + F.plainAssistant)
        #expect(ours[1][F.column("soc")] == F.socName)
    }

    // Skipped with the reason where python3 is missing, unless BATON_REQUIRE_EXTERNAL=1 (CI).
    @Test(
        "hostile names round-trip through Python's csv module cell for cell",
        .enabled(if: ExternalProgram.python.runs(), Comment(rawValue: ExternalProgram.python.skipReason)))
    func pythonRoundTrip() throws {
        let text = SurveyExport(report: F.report, context: F.context, anonymize: false).csv()
        let ours = try CSVReader.records(text)
        _ = try #require(Python.executable, "\(ExternalProgram.python.skipReason)")
        let python = try Python.csvCells(of: text)
        #expect(python == ours)
    }
}
