import BatonCore
import BatonSimulation
import BatonTestSupport
import Foundation
import Testing

/// A report with an experiment (value-model §7) satisfies the documented schema
/// (`Docs/report-schema.json`), and its renderings show the experiment.
@Suite struct ExperimentReportSchemaTests {
    @Test("a report of the hidden-selection scenario, experiment section included, satisfies the schema")
    func schema() throws {
        var scenario = try Scenario.bundled(named: "hidden-selection")
        scenario.workflows = 3_000
        let sim = SOCSimulator(scenario: scenario, seed: 3)
        let report = ValueReportBuilder().build(sim.reportInput())
        let agent = try #require(report.assistants.first { $0.experiment != nil })
        #expect(agent.estimator == "experiment")
        #expect(agent.experiment?.confidenceSequence != nil)
        // Tasks find their case's arm through the workflow key: the task level between the arms.
        let taskLevel = try #require(agent.experiment?.taskSpeedups?.first)
        #expect(taskLevel.taskType == "endpoint-investigation")
        #expect(taskLevel.baselineTasks > 0 && taskLevel.treatedTasks > taskLevel.baselineTasks)
        #expect(taskLevel.speedup.value ?? 0 > 1)

        let (validator, json) = try ReportSchema.check(report)
        #expect(validator.validate(json) == [])
        // The stored example of a report with an experiment is this report; it satisfies the schema
        // too. `BATON_WRITE_REPORT_EXAMPLE=1` rewrites it.
        let exampleURL = ReportSchema.docs.appendingPathComponent("report-example-experiment.json")
        if ProcessInfo.processInfo.environment["BATON_WRITE_REPORT_EXAMPLE"] == "1" {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(report) + Data("\n".utf8)).write(to: exampleURL)
        }
        let example = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: exampleURL))
        #expect(validator.validate(example) == [])
        // The experiment section is checked, not skipped: an unknown field in it fails.
        guard case .object(var root) = json, case .array(var assistants) = root["assistants"] else {
            Issue.record("report is not an object with assistants")
            return
        }
        let index = try #require(report.assistants.firstIndex { $0.experiment != nil })
        guard case .object(var row) = assistants[index], case .object(var experiment) = row["experiment"] else {
            Issue.record("no experiment object")
            return
        }
        experiment["unexpected"] = .bool(true)
        row["experiment"] = .object(experiment)
        assistants[index] = .object(row)
        root["assistants"] = .array(assistants)
        #expect(validator.validate(.object(root)).count == 1)

        // Text and Markdown show the experiment through the one formatter.
        for rendering in [report.text, report.markdown] {
            #expect(rendering.contains("experiment \(agent.experiment!.name)"))
            #expect(rendering.contains("anytime-valid 95% interval"))
            #expect(rendering.contains("intention to treat, lead time"))
        }
    }
}

/// The documented report schema (`Docs/report-schema.json`) and a report as the JSON it is sent as.
enum ReportSchema {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Docs")

    static func check(_ report: ValueReport) throws -> (validator: JSONSchemaValidator, json: JSONValue) {
        let schema = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: docs.appendingPathComponent("report-schema.json")))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(report))
        return (JSONSchemaValidator(schema: schema), json)
    }
}
