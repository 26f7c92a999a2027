import BatonCore
import BatonSimulation
import Foundation
import Testing

/// A change to a valid scenario and the words its rejection message must contain.
struct InvalidScenarioCase: Sendable, CustomTestStringConvertible {
    var name: String
    var mustMention: [String]
    var change: @Sendable (inout Scenario) -> Void
    var testDescription: String { name }
}

private let invalidCases: [InvalidScenarioCase] = [
    .init(name: "start without a time", mustMention: ["start", "2026-01-05"]) { $0.start = "2026-01-05" },
    .init(name: "start without an offset", mustMention: ["start", "RFC 3339"]) { $0.start = "2026-01-05T00:00:00" },
    .init(name: "start not a date", mustMention: ["start", "yesterday"]) { $0.start = "yesterday" },
    .init(name: "zero days", mustMention: ["days"]) { $0.days = 0 },
    .init(name: "negative days", mustMention: ["days"]) { $0.days = -3 },
    .init(name: "zero workflows", mustMention: ["workflows"]) { $0.workflows = 0 },
    .init(name: "negative workflows", mustMention: ["workflows"]) { $0.workflows = -1 },
    .init(name: "no tenants", mustMention: ["tenants"]) { $0.tenants = [] },
    .init(name: "tenant id with capitals", mustMention: ["tenants", TenantID.rule]) {
        $0.tenants = [.init(id: "SOC-1", deliveryModel: "in-house")]
    },
    .init(name: "empty tenant id", mustMention: ["tenants"]) {
        $0.tenants = [.init(id: "", deliveryModel: "in-house")]
    },
    .init(name: "one bad tenant among good ones", mustMention: ["tenants"]) {
        $0.tenants = [.init(id: "soc-1", deliveryModel: "in-house"), .init(id: "soc 2", deliveryModel: "mssp")]
    },
    .init(name: "no steps", mustMention: ["steps"]) { $0.steps = [] },
    .init(name: "no default wait", mustMention: ["waits", "default"]) { $0.waits["default"] = nil },
    .init(name: "zero speedup", mustMention: ["edr-investigation-agent", "speedup"]) { $0.assistants[1].speedup = 0 },
    .init(name: "negative speedup", mustMention: ["ti-enrichment-model", "speedup"]) { $0.assistants[4].speedup = -2 },
    .init(
        name: "probability_by_severity above 1",
        mustMention: ["endpoint-investigation", "probability_by_severity", "critical", "between 0 and 1"]
    ) { $0.steps[3].probabilityBySeverity = ["low": 0.2, "critical": 1.5] },
    .init(
        name: "probability_by_severity for an unknown severity",
        mustMention: ["containment-playbook", "probability_by_severity", "urgent", Severity.allowedValues]
    ) { $0.steps[4].probabilityBySeverity = ["urgent": 0.9] },
    .init(name: "probability_by_severity not a number", mustMention: ["probability_by_severity", "high"]) {
        $0.steps[2].probabilityBySeverity = ["high": .nan]
    },
    .init(
        name: "adoption_by_severity below 0",
        mustMention: ["siem-triage-assistant", "adoption_by_severity", "medium", "between 0 and 1"]
    ) { $0.assistants[0].adoptionBySeverity = ["medium": -0.1] },
    .init(
        name: "adoption_by_severity with a capitalised severity",
        mustMention: ["ticket-summariser", "adoption_by_severity", "Low", Severity.allowedValues]
    ) { $0.assistants[3].adoptionBySeverity = ["Low": 0.5] },
    .init(name: "wait trend too steep", mustMention: ["wait_trend_per_week", "-0.2", "0.2"]) {
        $0.waitTrendPerWeek = 0.25
    },
    .init(name: "wait trend too negative", mustMention: ["wait_trend_per_week"]) { $0.waitTrendPerWeek = -0.21 },
    .init(name: "wait trend not a number", mustMention: ["wait_trend_per_week"]) { $0.waitTrendPerWeek = .nan },
]

@Suite("Scenario")
struct ScenarioTests {
    @Test("the bundled default loads, validates and says what the documentation says")
    func bundledDefault() throws {
        let s = try Scenario.bundledDefault()
        try s.validate()
        #expect(s.name == "default")
        #expect(s.startTimestamp == Fixtures.defaultStart)
        #expect(s.days == 90)
        #expect(s.workflows == 20_000)
        #expect(s.tenants == [Scenario.TenantSpec(id: "soc-1", deliveryModel: "in-house")])
        #expect(s.steps.map(\.tool) == ["siem", "siem", "tip", "edr", "soar", "ticketing"])
        #expect(s.steps.map(\.stage) == [.detection, .triage, .investigation, .investigation, .response, .closure])
        #expect(s.steps.map { $0.approvalGate ?? false } == [false, false, false, false, true, false])
        #expect(
            s.assistants.map(\.name) == [
                "siem-triage-assistant", "edr-investigation-agent", "soar-playbook-copilot", "ticket-summariser",
                "ti-enrichment-model",
            ])
        #expect(s.assistants.map(\.speedup) == [3.0, 2.5, 1.8, 4.0, 6.0])
        #expect(s.assistants.map(\.aiMode) == [.assisted, .autonomous, .assisted, .assisted, .autonomous])
        #expect(s.assistants.map(\.category) == [.offTheShelfLLM, .agent, .copilot, .offTheShelfLLM, .supervisedML])
        // Every assistant works on a step of the scenario (otherwise it could never be used).
        for a in s.assistants {
            #expect(s.steps.contains { $0.tool == a.tool && $0.taskType == a.taskType }, "\(a.name)")
        }
        // Weights are probabilities and every severity has both factors.
        #expect(abs(s.categories.values.reduce(0, +) - 1) < 1e-12)
        #expect(abs(s.severities.values.reduce(0, +) - 1) < 1e-12)
        #expect(Set(s.severities.keys) == Set(Severity.allCases.map(\.rawValue)))
        #expect(Set(s.waitFactorBySeverity.keys) == Set(s.severities.keys))
        #expect(Set(s.durationFactorBySeverity.keys) == Set(s.severities.keys))
        #expect(s.waits["default"]?.median == 30)
        #expect(s.waits["default"]?.sigma == 1.0)
        #expect(s.waits["siem->edr"]?.median == 60)
        #expect(s.waits["siem->edr"]?.sigma == 1.1)
    }

    @Test("validate() rejects an invalid scenario with a message naming the problem", arguments: invalidCases)
    func rejects(_ c: InvalidScenarioCase) throws {
        var s = try Scenario.bundledDefault()
        c.change(&s)
        let error = #expect(throws: ScenarioError.self) { try s.validate() }
        for word in c.mustMention {
            #expect(error?.description.contains(word) == true, "'\(error?.description ?? "")' should mention '\(word)'")
        }
    }

    @Test("validate() accepts the boundaries: one workflow, a fraction of a day, several valid tenants")
    func acceptsBoundaries() throws {
        var s = try Scenario.bundledDefault()
        s.workflows = 1
        s.days = 0.5
        s.tenants = [.init(id: "0", deliveryModel: "mssp"), .init(id: "a_b-9", deliveryModel: "hybrid")]
        s.start = "2026-01-05T01:00:00+01:00"
        try s.validate()
        #expect(s.startTimestamp == Fixtures.defaultStart)
        // The new optional fields at their limits.
        for trend in [-0.2, 0, 0.2] {
            s.waitTrendPerWeek = trend
            try s.validate()
        }
        s.steps[3].probabilityBySeverity = ["low": 0, "critical": 1]
        s.assistants[0].adoptionBySeverity = ["low": 1, "medium": 0, "high": 0.5, "critical": 0]
        try s.validate()
    }

    @Test("every bundled scenario loads under its name, validates and is complete")
    func bundledScenarios() throws {
        #expect(
            Scenario.bundledNames == [
                "default", "low-severity-ai", "severity-paths", "shared-cases", "staggered-rollouts",
            ])
        let defaults = try Scenario.bundledDefault()
        #expect(try Scenario.bundled(named: "default") == defaults)
        for name in Scenario.bundledNames {
            let s = try Scenario.bundled(named: name)
            try s.validate()
            #expect(s.name == name)
            #expect(s.description.count >= 100, "\(name): describe what the scenario is for")
            #expect(s.days == 90 && s.workflows == 20_000, "\(name)")
            #expect(s.start == defaults.start && s.tenants == defaults.tenants, "\(name)")
            #expect(abs(s.severities.values.reduce(0, +) - 1) < 1e-12, "\(name)")
            #expect(s.assistants.map(\.name) == defaults.assistants.map(\.name), "\(name)")
            for a in s.assistants {
                #expect(s.steps.contains { $0.tool == a.tool && $0.taskType == a.taskType }, "\(name): \(a.name)")
            }
        }
    }

    @Test("each validation scenario uses the fields it exists for, and only those")
    func bundledScenariosUseTheirFields() throws {
        let paths = try Scenario.bundled(named: "severity-paths")
        let edr = try #require(paths.steps.first { $0.taskType == "endpoint-investigation" })
        #expect(edr.probabilityBySeverity == ["low": 0.2, "medium": 0.5, "high": 0.85, "critical": 0.95])
        for step in paths.steps where step.probabilityBySeverity != nil {
            #expect(step.probability(severity: "low") < step.probability(severity: "critical"), "\(step.taskType)")
        }
        #expect(paths.steps.filter { $0.probabilityBySeverity != nil }.count == 3)

        let staggered = try Scenario.bundled(named: "staggered-rollouts")
        #expect(staggered.assistants.map(\.rolloutDay).sorted() == [0, 15, 30, 45, 60])
        #expect(staggered.waitTrendPerWeek == 0.03)

        let shared = try Scenario.bundled(named: "shared-cases")
        #expect(shared.assistants.allSatisfy { (0.6...0.9).contains($0.adoption) && $0.rolloutDay <= 7 })

        let low = try Scenario.bundled(named: "low-severity-ai")
        for a in low.assistants {
            #expect(a.adoption(severity: "low") == 0.85 && a.adoption(severity: "critical") == 0.15, "\(a.name)")
        }
        let defaults = try Scenario.bundledDefault()
        #expect(low.waitFactorBySeverity == defaults.waitFactorBySeverity)
        #expect(low.durationFactorBySeverity == defaults.durationFactorBySeverity)

        // None of the new fields leaks into the scenarios that do not need it.
        for s in [paths, shared, low] { #expect(s.waitTrendPerWeek == nil, "\(s.name)") }
        for s in [staggered, shared, low] {
            #expect(s.steps.allSatisfy { $0.probabilityBySeverity == nil }, "\(s.name)")
        }
        for s in [paths, staggered, shared] {
            #expect(s.assistants.allSatisfy { $0.adoptionBySeverity == nil }, "\(s.name)")
        }
    }

    @Test("an unknown bundled scenario is refused with the names that exist")
    func unknownBundledScenario() throws {
        for name in ["", "Default", "default-scenario", "severity_paths", "../default-scenario"] {
            let error = #expect(throws: ScenarioError.self) { try Scenario.bundled(named: name) }
            for known in Scenario.bundledNames {
                #expect(
                    error?.description.contains(known) == true, "'\(error?.description ?? "")' should list \(known)")
            }
            #expect(error?.description.contains("'\(name)'") == true)
        }
    }

    @Test("encoding uses snake_case keys, and encode then decode gives the same scenario")
    func roundTrip() throws {
        let original = try Scenario.bundledDefault()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(original)
        let text = String(decoding: data, as: UTF8.self)
        for key in [
            "wait_factor_by_severity", "duration_factor_by_severity", "approval_wait", "human_context_carried",
            "task_type", "actor_tier", "approval_gate", "delivery_model", "rollout_day", "ai_mode",
            "queue_probability", "queue_wait", "context_carried",
        ] {
            #expect(text.contains("\"\(key)\":"), "missing key \(key)")
        }
        for key in ["waitFactorBySeverity", "taskType", "rolloutDay", "aiMode", "deliveryModel", "approvalGate"] {
            #expect(!text.contains("\"\(key)\""), "camelCase key \(key) in the encoding")
        }
        // Keys of the dictionaries are data, not field names: they keep their spelling.
        #expect(text.contains("\"siem->edr\":"))
        #expect(text.contains("\"data-exfiltration\":"))

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(Scenario.self, from: data) == original)

        // The optional fields are left out when absent, so the default scenario (and the truth
        // file, which embeds it) encodes as before they existed.
        for key in ["probability_by_severity", "adoption_by_severity", "wait_trend_per_week", "interventions"] {
            #expect(!text.contains("\"\(key)\""), "\(key) in the default's encoding")
        }

        // And through a file, as `--scenario FILE` reads it.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Scenario.load(from: url) == original)
    }

    @Test("the optional fields encode in snake_case and survive a round trip")
    func roundTripOfOptionalFields() throws {
        var original = try Scenario.bundledDefault()
        original.waitTrendPerWeek = -0.05
        original.steps[3].probabilityBySeverity = ["critical": 0.95, "low": 0.2]
        original.assistants[1].adoptionBySeverity = ["high": 0.3]
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(original)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""wait_trend_per_week":-0.05"#))
        #expect(text.contains(#""probability_by_severity":{"critical":0.95,"low":0.2}"#))
        #expect(text.contains(#""adoption_by_severity":{"high":0.3}"#))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Scenario.load(from: url) == original)
    }

    @Test("load(from:) names the file when it is not a scenario, and validates what it decodes")
    func loadErrors() throws {
        let directory = FileManager.default.temporaryDirectory
        let notJSON = directory.appendingPathComponent("broken-\(UUID().uuidString).json")
        try Data("{ not json".utf8).write(to: notJSON)
        defer { try? FileManager.default.removeItem(at: notJSON) }
        let decodeError = #expect(throws: ScenarioError.self) { try Scenario.load(from: notJSON) }
        #expect(decodeError?.description.contains(notJSON.lastPathComponent) == true)
        #expect(decodeError?.description.contains("not a valid scenario") == true)

        var invalid = try Scenario.bundledDefault()
        invalid.days = 0
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let zeroDays = directory.appendingPathComponent("zero-days-\(UUID().uuidString).json")
        try encoder.encode(invalid).write(to: zeroDays)
        defer { try? FileManager.default.removeItem(at: zeroDays) }
        let validationError = #expect(throws: ScenarioError.self) { try Scenario.load(from: zeroDays) }
        #expect(validationError?.description.contains("days") == true)
    }
}

/// Scenarios that `validate()` accepts today although what the simulator makes of them is invalid.
private let acceptedButInvalidCases: [InvalidScenarioCase] = [
    // Every workflow then gets `"category":""`, which the collector rejects ("must not be empty").
    .init(name: "no categories", mustMention: ["categories"]) { $0.categories = [:] },
    // A negative median gives negative waits: tasks start before opened_at and before the previous
    // task ends, and the ground truth reports negative mean waits.
    .init(name: "negative intake median", mustMention: ["intake"]) { $0.intake.median = -10 },
]

extension ScenarioTests {
    @Test(
        "validate() refuses scenarios whose simulated records would be invalid",
        arguments: acceptedButInvalidCases)
    func rejectsScenariosThatSimulateInvalidRecords(_ c: InvalidScenarioCase) throws {
        var s = try Fixtures.scenario(workflows: 50)
        c.change(&s)
        // What the simulator makes of the scenario, for the failure message.
        let validator = RecordValidator(now: Timestamp(microseconds: .max / 2))
        var consequences: [String] = []
        for w in SOCSimulator(scenario: s, seed: Fixtures.seed).workflows(tenantIndex: 0) {
            for record in w.records {
                let line = record.ndjsonLine
                let items = try BatchParser.parse(Data(line.utf8), format: .ndjson)
                if case .success(let value) = items[0], case .failure(let r) = validator.validate(value, index: 0) {
                    consequences.append("collector rejects \(line): \(r.error)")
                }
            }
            var cursor = w.workflow.openedAt
            for t in w.tasks {
                if t.startedAt < cursor { consequences.append("\(t.id) starts before \(cursor)") }
                cursor = t.endedAt ?? t.startedAt
            }
        }
        #expect(!consequences.isEmpty, "the case no longer shows the problem; revise it")
        let error = #expect(
            throws: ScenarioError.self,
            "validate() accepts it; \(consequences.count) problems in 50 workflows, such as: \(consequences.prefix(2))"
        ) { try s.validate() }
        for word in c.mustMention where error != nil {
            #expect(error?.description.contains(word) == true, "'\(error?.description ?? "")' should mention '\(word)'")
        }
    }
}
