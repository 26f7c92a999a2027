import BatonCore
import Foundation
import Testing

/// The hand-computed report of ValueReportBuilderTests, plus a second assistant ("helper") with
/// three enrichment tasks and no baseline, a perceived rating for "bot", inferred openings and
/// readiness shares.
private let report: ValueReport = {
    var input = ReportFixtures.handComputedInput(perceptions: ["bot": [.excellent]])
    input.tasks += Array(
        repeating: ReportFixtures.task("low", minutes: 5, assistant: "helper", type: "enrichment"), count: 3)
    input.inferredOpenings = 3
    input.readiness = ValueReport.Readiness(
        tasksWithStageShare: 0.9, handoffsWithContextShare: 0.3, waitingHoursTaggedShare: 0.25)
    return ReportFixtures.build(input)
}()

private func bot() throws -> ValueReport.AssistantValue {
    try #require(report.assistants.first { $0.name == "bot" })
}

@Suite struct ValueReportRenderingTests {
    // MARK: Text

    @Test func textHasTheHeaderHeadlineAndSamples() {
        let text = report.text
        #expect(text.hasPrefix("BATON VALUE REPORT: soc-a\n"))
        // 88 closed (46 AI-touched), 80 + 3 tasks.
        #expect(
            text.contains(
                "Period 2026-03-01T00:00:00Z to 2026-05-30T00:00:00Z; 88 closed workflows (46 AI-touched), 0 still open, 83 tasks."
            ))
        #expect(text.contains("3 workflows had no opening time; their first task stands in."))
        #expect(text.contains("\n" + report.headline + "\n"))
        // The estimator is named under the headline.
        #expect(
            text.contains("Effects on cases are measured with the eligible estimator (eligible cases, like with like).")
        )
        #expect(text.contains("VALUE PER ASSISTANT"))
        #expect(text.contains("WHERE THE TIME GOES"))
        #expect(text.contains("WHAT TO FIX FIRST"))
        #expect(text.contains("READINESS"))
        #expect(text.hasSuffix("\n"))
    }

    @Test func textNamesEveryAssistant() {
        #expect(report.assistants.map(\.name) == ["bot", "helper"])
        for a in report.assistants {
            #expect(report.text.contains("\n\(a.name)\n"))
            #expect(report.markdown.contains("### \(a.name)"))
        }
    }

    @Test func textFormatsEstimatesWithIntervals() throws {
        let bot = try bot()
        let text = report.text
        let s = try #require(bot.taskSpeedups.first?.speedup)
        let (low, high) = (try #require(s.low), try #require(s.high))
        // One formatter for every interval: "value (low to high)", factors with one decimal.
        #expect(
            text.contains(
                "  alert-triage: 3.0× (\(HumanFormat.factor(low)) to \(HumanFormat.factor(high))) faster (n = 40 baseline, 40 AI tasks)"
            ))
        // Effort: 860 / 60 h = 14 h 20 min; share 860 / 2010 = 42.8% → "43%".
        let e = bot.effortSavedHours
        #expect(
            text.contains(
                "  effort saved: 14 h 20 min (\(HumanFormat.hours(e.low!)) to \(HumanFormat.hours(e.high!))), 43% ("))
        // The effect: 40 treated vs. 40 control cases in the 2 used strata of the week; coverage
        // 40 / 45 = 89%; ΔL = −1 h = ΔA −1 h 15 min + ΔW +15 min.
        let effect = try #require(bot.workflowEffect)
        #expect(
            text.contains(
                "  per case it touched (eligible: 40 treated vs. 40 control cases in 2 strata by week, coverage 89%):"))
        let dL = effect.deltaLeadHours
        #expect(
            text.contains(
                "    lead time −1 h 00 min (\(HumanFormat.signedDuration(hours: dL.low!)) to \(HumanFormat.signedDuration(hours: dL.high!))) = work −1 h 15 min ("
            ))
        #expect(text.contains("    siem→soar +15 min ("))
        // 5 bot cases (malware/critical) have no control: a coverage warning is not given (89% ≥ 80%).
        let botSection = try #require(text.components(separatedBy: "\nhelper\n").first)
        #expect(!botSection.contains("warning: only"))
        // Lead time change is the negated reduction: −6.56% → "−7%", interval negated and swapped.
        let r = bot.realizedLeadReduction
        #expect(
            text.contains(
                "  lead time change: −7% (\(HumanFormat.signedPercent(-r.high!)) to \(HumanFormat.signedPercent(-r.low!)))"
            ))
        // capture 0.8 → 80%; Amdahl 101 / 1320 = 7.65% → 8%.
        #expect(text.contains("  value capture: 80% ("))
        #expect(text.contains("  Amdahl ceiling: at most 8% shorter lead time"))
        #expect(text.contains("  measured: good ("))
        #expect(
            text.contains("  perceived: excellent (1 responses); people rate it excellent; the measurements say good"))
    }

    @Test func textSaysInsufficientDataWhereSamplesAreMissing() {
        let text = report.text
        // helper: 3 AI enrichment tasks, no baseline, no workflows.
        #expect(
            text.contains(
                "  enrichment: insufficient data (needs 30 baseline and 30 AI tasks; has 0 and 3) (n = 0 baseline, 3 AI tasks)"
            ))
        #expect(text.contains("  effort saved: insufficient data, insufficient data of the baseline effort"))
        #expect(text.contains("  lead time change: insufficient data"))
        #expect(text.contains("  measured: insufficient data (no closed case in the period was touched)"))
    }

    @Test func textShowsFrictionGuidanceAndReadiness() {
        let text = report.text
        #expect(text.contains("  siem→soar: 5 d 0 h waiting over 80 handoffs (tagged queue-wait, approval-wait)"))
        #expect(text.contains("  intake 6 d 6 h, closure 4 d 4 h; flow efficiency median 20%"))
        // 120 h × 30 / 36 = 100 h queue-wait; 120 h × 6 / 36 = 20 h approval-wait.
        #expect(
            text.contains(
                "  1. siem→soar, queue-wait: 4 d 4 h at stake. Route AI verdicts straight to an owner instead of a shared queue."
            ))
        #expect(
            text.contains(
                "  2. siem→soar, approval-wait: 20 h 00 min at stake. Pre-approve standard containment actions."))
        #expect(text.contains("  tasks with a stage 90%; handoffs carrying context 30%; waiting hours tagged 25%"))
        // The settings, thresholds included, close every rendering.
        #expect(
            text.contains(
                "(95% percentile-bootstrap intervals over cases, 1000 resamples, seed 1 (a workflow effect or effort saved with at least 30 cases in every cell of every stratum: normal-approximation intervals, as it says); estimator eligible; minimum sample 30 cases per arm; coverage below 50% is insufficient, below 80% a warning. Ratings: excellent at ≥ 20% shorter lead time, good at ≥ 5% (or ≥ 20% less effort with lead time not significantly worse), each with an interval excluding 0)"
            ))
    }

    @Test func missingReadinessIsShownAsNotAvailable() {
        let bare = ReportFixtures.build(ReportFixtures.input(tasks: [], workflows: []))
        #expect(bare.text.contains("tasks with a stage n/a; handoffs carrying context n/a; waiting hours tagged n/a"))
        #expect(bare.text.contains("flow efficiency median n/a"))
        #expect(bare.text.contains("No closed workflows in this period."))
        #expect(!bare.text.contains("had no opening time"))
    }

    // MARK: Markdown

    @Test func markdownHasTheSameContentAsText() throws {
        let md = report.markdown
        #expect(md.hasPrefix("# Baton value report: soc-a\n"))
        #expect(md.contains("**\(report.headline)**"))
        #expect(md.contains("\n## Value per assistant\n"))
        #expect(md.contains("\n### bot\n"))
        #expect(md.contains("\n### helper\n"))
        let s = try #require(try bot().taskSpeedups.first?.speedup)
        #expect(
            md.contains(
                "- alert-triage: 3.0× (\(HumanFormat.factor(s.low!)) to \(HumanFormat.factor(s.high!))) faster (n = 40 baseline, 40 AI tasks)"
            ))
        #expect(md.contains("  - lead time −1 h 00 min ("))
        #expect(md.contains("- measured: insufficient data (no closed case in the period was touched)"))
        #expect(md.contains("\n1. siem→soar, queue-wait: 4 d 4 h at stake."))
        #expect(md.contains("- siem→soar: 5 d 0 h waiting over 80 handoffs"))
        #expect(md.contains("95% percentile-bootstrap intervals over cases"))
        #expect(md.contains("\n## What to fix first\n"))
    }

    // MARK: JSON

    private func json(_ report: ValueReport) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func jsonUsesSnakeCaseKeysAndSchemaVersion() throws {
        let top = try json(report)
        #expect(top["schema_version"] as? Int == 2)
        #expect(top["tenant"] as? String == "soc-a")
        #expect(top["headline"] as? String == report.headline)
        let samples = try #require(top["samples"] as? [String: Any])
        #expect(samples["closed_workflows"] as? Int == 88)
        #expect(samples["ai_touched_workflows"] as? Int == 46)
        #expect(samples["inferred_openings"] as? Int == 3)
        let options = try #require(top["options"] as? [String: Any])
        #expect(options["minimum_sample"] as? Int == 30)
        #expect(options["baseline"] as? String == "eligible")
        #expect(options["coverage_warning"] as? Double == 0.8)
        #expect(options["excellent_lead_reduction"] as? Double == 0.2)

        let assistants = try #require(top["assistants"] as? [[String: Any]])
        let bot = try #require(assistants.first)
        #expect(bot["name"] as? String == "bot")
        let speedups = try #require(bot["task_speedups"] as? [[String: Any]])
        #expect(speedups.first?["task_type"] as? String == "alert-triage")
        #expect(speedups.first?["baseline_tasks"] as? Int == 40)
        #expect(speedups.first?["mix_adjusted_saving_minutes"] as? Double == 21.5)
        let speedup = try #require(speedups.first?["speedup"] as? [String: Any])
        #expect(speedup["value"] as? Double == 3.0)
        #expect(speedup["status"] as? String == "ok")
        #expect(speedup["low"] is Double)
        #expect(speedup["high"] is Double)
        #expect(bot["main_task_type"] as? String == "alert-triage")
        let effect = try #require(bot["workflow_effect"] as? [String: Any])
        #expect(effect["estimator"] as? String == "eligible")
        #expect(effect["time_block"] as? String == "week")
        #expect(isClose(effect["coverage"] as? Double, 40.0 / 45.0))
        let dL = try #require(effect["delta_lead_hours"] as? [String: Any])
        #expect(isClose(dL["value"] as? Double, -1))
        #expect(effect["delta_touch_hours"] != nil)
        #expect(effect["delta_wait_hours"] != nil)
        #expect(isClose(effect["counterfactual_mean_lead_hours"] as? Double, 15.25))
        let byClass = try #require(effect["delta_wait_by_class"] as? [[String: Any]])
        #expect(byClass.first?["handoff_class"] as? String == "siem→soar")
        #expect(isClose((byClass.first?["delta_hours"] as? [String: Any])?["value"] as? Double, 0.25))
        #expect(isClose((bot["value_capture_ratio"] as? [String: Any])?["value"] as? Double, 0.8))
        #expect(isClose((bot["friction_absorbed_hours"] as? [String: Any])?["value"] as? Double, 0.25))
        #expect(top["portfolio"] is [String: Any])
        #expect(bot["effort_saved_hours"] != nil)
        #expect(bot["realized_lead_reduction"] != nil)
        #expect((bot["amdahl"] as? [String: Any])?["maximum_lead_reduction"] != nil)
        #expect(bot["measured_rating"] as? String == "good")
        #expect(bot["perceived_rating"] as? String == "excellent")
        #expect(bot["perception_gap"] as? String == "people rate it excellent; the measurements say good")

        // An insufficient estimate has a status and a note, and no value.
        let helper = try #require(assistants.last)
        let helperSpeedup = try #require(
            (helper["task_speedups"] as? [[String: Any]])?.first?["speedup"] as? [String: Any])
        #expect(helperSpeedup["status"] as? String == "insufficient data")
        #expect(helperSpeedup["value"] == nil)
        #expect(helperSpeedup["note"] as? String == "needs 30 baseline and 30 AI tasks; has 0 and 3")

        let friction = try #require(top["friction"] as? [String: Any])
        let classes = try #require(friction["top_classes"] as? [[String: Any]])
        #expect(classes.first?["waiting_hours"] as? Double == 120)
        #expect((classes.first?["tag_reasons"] as? [String: Any])?["queue-wait"] as? Double == 30)
        let guidance = try #require(top["guidance"] as? [[String: Any]])
        #expect(guidance.first?["hours_at_stake"] as? Double == 100)
        #expect(guidance.first?["handoff_class"] as? String == "siem→soar")
        let readiness = try #require(top["readiness"] as? [String: Any])
        #expect(readiness["tasks_with_stage_share"] as? Double == 0.9)
    }

    @Test func jsonRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let decoded = try decoder.decode(ValueReport.self, from: try encoder.encode(report))
        #expect(decoded == report)
    }
}
