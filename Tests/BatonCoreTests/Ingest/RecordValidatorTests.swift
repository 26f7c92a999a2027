import BatonCore
import Foundation
import Testing

/// 2026-03-02T10:00:00Z in seconds since the epoch (20 514 days × 86 400 s + 10 h).
private let march2At10: Int64 = 1_772_445_600
private let second: Int64 = 1_000_000
private let minute: Int64 = 60 * second

/// A fixed `now`: 2026-03-02T16:00:00Z, after every timestamp of the contract examples.
private let now = Timestamp(microseconds: (march2At10 + 6 * 3600) * second)
private let validator = RecordValidator(now: now)

private func json(_ text: String) -> JSONValue {
    do {
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    } catch {
        Issue.record("test JSON does not parse: \(text)")
        return .null
    }
}

private func fields(_ text: String) -> [String: JSONValue] {
    guard case .object(let f) = json(text) else {
        Issue.record("test JSON is not an object: \(text)")
        return [:]
    }
    return f
}

private let workflowExample = fields(
    """
    {"type": "workflow", "workflow_id": "INC-1042", "opened_at": "2026-03-02T10:00:00Z",
     "closed_at": "2026-03-02T14:30:00Z", "severity": "high", "category": "phishing"}
    """)

private let taskExample = fields(
    """
    {"type": "task", "id": "siem-42", "workflow_id": "INC-1042", "task_type": "alert-triage",
     "stage": "triage", "tool": "siem", "actor": "analyst:ana", "assistant": "siem-copilot",
     "ai_mode": "assisted", "started_at": "2026-03-02T10:04:00Z",
     "ended_at": "2026-03-02T10:09:30Z", "context_from": "siem-41"}
    """)

private func with(_ base: [String: JSONValue], _ changes: [String: JSONValue?]) -> JSONValue {
    var f = base
    for (key, value) in changes { f[key] = value }
    return .object(f)
}

/// The rejection message, or `nil` (with a recorded issue) when the record was accepted.
private func rejection(_ value: JSONValue, index: Int = 0, validator: RecordValidator = validator)
    -> RecordRejection?
{
    switch validator.validate(value, index: index) {
    case .success(let record):
        Issue.record("expected a rejection, got \(record)")
        return nil
    case .failure(let r):
        return r
    }
}

private func accepted(_ value: JSONValue, validator: RecordValidator = validator) -> Record? {
    switch validator.validate(value, index: 0) {
    case .success(let record): return record
    case .failure(let r):
        Issue.record("expected acceptance, got rejection: \(r.error)")
        return nil
    }
}

@Suite struct RecordValidatorTests {
    // MARK: Valid records

    @Test func contractWorkflowExampleIsValid() {
        let record = accepted(.object(workflowExample))
        let expected = WorkflowRecord(
            workflowID: "INC-1042", openedAt: Timestamp(microseconds: march2At10 * second),
            closedAt: Timestamp(microseconds: (march2At10 + 4 * 3600 + 1800) * second), severity: .high,
            category: "phishing", outcome: nil)
        #expect(record == .workflow(expected))
        #expect(record?.id == "INC-1042")
    }

    @Test func contractTaskExampleIsValid() {
        let record = accepted(.object(taskExample))
        let expected = TaskRecord(
            id: "siem-42", workflowID: "INC-1042", taskType: "alert-triage", stage: .triage, tool: "siem",
            actor: "analyst:ana", assistant: "siem-copilot", aiMode: .assisted,
            startedAt: Timestamp(microseconds: (march2At10 + 4 * 60) * second),
            endedAt: Timestamp(microseconds: (march2At10 + 9 * 60 + 30) * second), contextFrom: "siem-41")
        #expect(record == .task(expected))
        #expect(record?.id == "siem-42")
    }

    @Test("task attributes: a flat object of numbers, booleans and short strings; anything else names the field")
    func taskAttributes() {
        var task = taskExample
        task["attributes"] = json(
            #"{"gen_ai.usage.input_tokens": 1200, "gen_ai.provider.name": "openai", "cached": true}"#)
        guard case .task(let t)? = accepted(.object(task)) else {
            Issue.record("attributes were refused")
            return
        }
        #expect(t.attributes?["gen_ai.usage.input_tokens"] == .number(1200))
        #expect(t.attributes?.count == 3)
        #expect(
            Record.task(t).ndjsonLine.hasSuffix(
                #","attributes":{"cached":true,"gen_ai.provider.name":"openai","gen_ai.usage.input_tokens":1200}}"#))
        for bad in [
            #"["a"]"#, #"{"nested": {"a": 1}}"#, #"{"list": [1]}"#, #"{"": 1}"#, #"{"bad name!": 1}"#,
            #"{"long": "\#(String(repeating: "x", count: 600))"}"#,
        ] {
            task["attributes"] = json(bad)
            let result = validator.validate(.object(task), index: 0)
            guard case .failure(let rejection) = result else {
                Issue.record("accepted attributes \(bad.prefix(40))")
                continue
            }
            #expect(rejection.error.contains("attributes"), "\(rejection.error)")
        }
        task["attributes"] = .object(Dictionary(uniqueKeysWithValues: (0..<33).map { ("k\($0)", JSONValue.number(1)) }))
        if case .success = validator.validate(.object(task), index: 0) { Issue.record("33 attributes accepted") }
    }

    @Test func minimalWorkflowIsOpenWithOptionalFieldsNil() {
        let record = accepted(
            json(#"{"type": "workflow", "workflow_id": "W", "opened_at": "2026-03-02T10:00:00+01:00"}"#))
        #expect(
            record
                == .workflow(
                    WorkflowRecord(
                        workflowID: "W", openedAt: Timestamp(microseconds: (march2At10 - 3600) * second))))
    }

    @Test func minimalTaskWithoutAIIsRunning() {
        let record = accepted(
            json(
                """
                {"type": "task", "id": "t", "workflow_id": "W", "task_type": "x", "tool": "edr",
                 "ai_mode": "none", "started_at": "2026-03-02T10:00:00Z"}
                """))
        guard case .task(let t) = record else {
            Issue.record("not a task")
            return
        }
        #expect(t.endedAt == nil)
        #expect(t.assistant == nil)
        #expect(t.stage == nil)
        #expect(t.actor == nil)
        #expect(t.contextFrom == nil)
        #expect(t.aiMode == .none)
        #expect(t.tool == "edr")
    }

    @Test func unknownFieldsAreIgnoredAndNullsMeanAbsent() {
        let record = accepted(
            with(workflowExample, ["future_field": .array([.number(1)]), "closed_at": .null, "severity": .null]))
        guard case .workflow(let w) = record else {
            Issue.record("not a workflow")
            return
        }
        #expect(w.closedAt == nil)
        #expect(w.severity == nil)
        #expect(w.category == "phishing")
    }

    @Test func equalEndAndStartAreAccepted() {
        #expect(accepted(with(taskExample, ["ended_at": .string("2026-03-02T10:04:00Z")])) != nil)
        #expect(accepted(with(workflowExample, ["closed_at": .string("2026-03-02T10:00:00Z")])) != nil)
    }

    @Test func autonomousAndAssistedRequireAssistantButNoneDoesNot() {
        #expect(accepted(with(taskExample, ["ai_mode": .string("autonomous")])) != nil)
        #expect(accepted(with(taskExample, ["ai_mode": .string("none"), "assistant": nil])) != nil)
        // An assistant named on a task without AI is kept.
        let record = accepted(with(taskExample, ["ai_mode": .string("none")]))
        guard case .task(let t) = record else { return }
        #expect(t.assistant == "siem-copilot")
        #expect(t.aiMode == .none)
    }

    // MARK: Record type

    @Test func unknownTypeIsRejectedNamingTheField() {
        let r = rejection(with(taskExample, ["type": .string("span")]))
        #expect(r?.error.contains("'type'") == true)
        #expect(r?.error.contains("span") == true)
        #expect(r?.error.contains("workflow, task") == true)
        // The id is still reported for an unknown type.
        #expect(r?.id == "siem-42")
    }

    @Test func missingTypeIsRejected() {
        let r = rejection(with(workflowExample, ["type": nil]))
        #expect(r?.error.contains("'type'") == true)
        #expect(r?.error.contains("missing") == true)
        #expect(r?.id == "INC-1042")
        let n = rejection(with(workflowExample, ["type": .null]))
        #expect(n?.error.contains("'type'") == true)
    }

    @Test func typeOfWrongJSONTypeIsRejected() {
        let r = rejection(with(workflowExample, ["type": .number(1)]))
        #expect(r?.error.contains("'type'") == true)
        #expect(r?.error.contains("a number") == true)
    }

    @Test(arguments: [
        (JSONValue.array([]), "an array"), (.string("task"), "a string"), (.number(3), "a number"),
        (.null, "null"), (.bool(true), "a boolean"),
    ])
    func nonObjectRecordIsRejected(value: JSONValue, typeName: String) {
        let r = rejection(value, index: 4)
        #expect(r?.index == 4)
        #expect(r?.id == nil)
        #expect(r?.error.contains("JSON object") == true)
        #expect(r?.error.contains(typeName) == true)
    }

    // MARK: Required fields

    @Test(arguments: ["workflow_id", "opened_at"])
    func workflowMissingRequiredField(field: String) {
        let r = rejection(with(workflowExample, [field: nil]))
        #expect(r?.error.contains("missing required field '\(field)'") == true)
    }

    @Test(arguments: ["id", "workflow_id", "task_type", "tool", "ai_mode", "started_at"])
    func taskMissingRequiredField(field: String) {
        let r = rejection(with(taskExample, [field: nil]))
        #expect(r?.error.contains("missing required field '\(field)'") == true)
    }

    @Test func missingRequiredFieldGivenAsNullIsRejected() {
        let r = rejection(with(taskExample, ["tool": .null]))
        #expect(r?.error.contains("'tool'") == true)
    }

    @Test func missingAIModeListsAllowedValues() {
        let r = rejection(with(taskExample, ["ai_mode": nil]))
        #expect(r?.error.contains("none, assisted, autonomous") == true)
    }

    @Test(arguments: ["assisted", "autonomous"])
    func assistantRequiredWhenAIModeIsNotNone(mode: String) {
        let r = rejection(with(taskExample, ["ai_mode": .string(mode), "assistant": nil]))
        #expect(r?.error.contains("'assistant'") == true)
        #expect(r?.error.contains(mode) == true)
        #expect(r?.id == "siem-42")
    }

    // MARK: Enumerations

    @Test func severityOutsideTheSetListsAllowedValues() {
        let r = rejection(with(workflowExample, ["severity": .string("urgent")]))
        #expect(r?.error.contains("'severity'") == true)
        #expect(r?.error.contains("urgent") == true)
        #expect(r?.error.contains("low, medium, high, critical") == true)
    }

    @Test func stageOutsideTheSetListsAllowedValues() {
        let r = rejection(with(taskExample, ["stage": .string("Triage")]))
        #expect(r?.error.contains("'stage'") == true)
        #expect(r?.error.contains("detection, triage, investigation, response, closure") == true)
    }

    @Test func aiModeOutsideTheSetListsAllowedValues() {
        let r = rejection(with(taskExample, ["ai_mode": .string("full")]))
        #expect(r?.error.contains("'ai_mode'") == true)
        #expect(r?.error.contains("none, assisted, autonomous") == true)
    }

    // MARK: Timestamps

    @Test func endedBeforeStartedIsRejected() {
        let r = rejection(with(taskExample, ["ended_at": .string("2026-03-02T10:03:59.999999Z")]))
        #expect(r?.error.contains("'ended_at'") == true)
        #expect(r?.error.contains("'started_at'") == true)
    }

    @Test func closedBeforeOpenedIsRejected() {
        let r = rejection(with(workflowExample, ["closed_at": .string("2026-03-02T09:59:59Z")]))
        #expect(r?.error.contains("'closed_at'") == true)
        #expect(r?.error.contains("'opened_at'") == true)
        #expect(r?.id == "INC-1042")
    }

    @Test func closedBeforeOpenedComparesInstantsNotText() {
        // 11:00+01:00 is 10:00Z: equal to opened_at, so accepted although the text sorts later.
        #expect(accepted(with(workflowExample, ["closed_at": .string("2026-03-02T11:00:00+01:00")])) != nil)
        // 10:30+01:00 is 09:30Z: before opened_at.
        let r = rejection(with(workflowExample, ["closed_at": .string("2026-03-02T10:30:00+01:00")]))
        #expect(r?.error.contains("'closed_at'") == true)
    }

    @Test(arguments: ["opened_at", "closed_at"])
    func unparseableWorkflowTimestamp(field: String) {
        let r = rejection(with(workflowExample, [field: .string("2026-03-02 10:00")]))
        #expect(r?.error.contains("'\(field)'") == true)
        #expect(r?.error.contains("RFC 3339") == true)
    }

    @Test(arguments: ["started_at", "ended_at"])
    func unparseableTaskTimestamp(field: String) {
        let r = rejection(with(taskExample, [field: .string("2026-03-02T10:04:00")]))
        #expect(r?.error.contains("'\(field)'") == true)
    }

    @Test func timestampAsNumberIsRejected() {
        let r = rejection(with(taskExample, ["started_at": .number(1_772_445_840)]))
        #expect(r?.error.contains("'started_at'") == true)
        #expect(r?.error.contains("a number") == true)
    }

    @Test func futureTimestampsAreRejectedBeyondFiveMinutes() {
        let v = RecordValidator(now: Timestamp(microseconds: march2At10 * second))
        // Exactly 5 minutes ahead is accepted.
        #expect(
            accepted(
                with(workflowExample, ["opened_at": .string("2026-03-02T10:05:00Z"), "closed_at": nil]), validator: v)
                != nil)
        // One microsecond more is not.
        let r = rejection(
            with(workflowExample, ["opened_at": .string("2026-03-02T10:05:00.000001Z"), "closed_at": nil]),
            validator: v)
        #expect(r?.error.contains("'opened_at'") == true)
        #expect(r?.error.contains("future") == true)
        // The contract example closes at 14:30, far ahead of this `now`.
        let c = rejection(.object(workflowExample), validator: v)
        #expect(c?.error.contains("'closed_at'") == true)
        #expect(c?.error.contains("future") == true)
    }

    @Test func futureCheckAppliesToTaskTimestamps() {
        let v = RecordValidator(now: Timestamp(microseconds: (march2At10 + 5 * 60) * second))
        // ended_at 10:09:30 is 4.5 min ahead of 10:05: accepted.
        #expect(accepted(.object(taskExample), validator: v) != nil)
        let w = RecordValidator(now: Timestamp(microseconds: (march2At10 + 4 * 60) * second))
        // ended_at 10:09:30 is 5.5 min ahead of 10:04: rejected.
        let r = rejection(.object(taskExample), validator: w)
        #expect(r?.error.contains("'ended_at'") == true)
    }

    @Test func futureLimitIsConfigurable() {
        let v = RecordValidator(
            now: Timestamp(microseconds: march2At10 * second), limits: RecordLimits(maxFutureSkewMicroseconds: 0))
        #expect(accepted(with(workflowExample, ["closed_at": nil]), validator: v) != nil)
        let r = rejection(
            with(workflowExample, ["opened_at": .string("2026-03-02T10:00:00.000001Z"), "closed_at": nil]),
            validator: v)
        #expect(r?.error.contains("'opened_at'") == true)
    }

    // MARK: Lengths and text

    @Test func idOf128CharactersIsAcceptedAnd129Rejected() {
        let id128 = String(repeating: "a", count: 128)
        let id129 = String(repeating: "a", count: 129)
        let ok = accepted(with(taskExample, ["id": .string(id128)]))
        #expect(ok?.id == id128)
        let r = rejection(with(taskExample, ["id": .string(id129)]))
        #expect(r?.error.contains("'id'") == true)
        #expect(r?.error.contains("128") == true)
        // An unreadable id is not echoed back.
        #expect(r?.id == nil)
    }

    @Test func workflowIDLengthLimit() {
        #expect(accepted(with(workflowExample, ["workflow_id": .string(String(repeating: "w", count: 128))])) != nil)
        let r = rejection(with(workflowExample, ["workflow_id": .string(String(repeating: "w", count: 129))]))
        #expect(r?.error.contains("'workflow_id'") == true)
    }

    @Test func identifierLengthCountsCharactersNotBytes() {
        // 128 "é" are 256 UTF-8 bytes but 128 characters.
        #expect(accepted(with(taskExample, ["id": .string(String(repeating: "é", count: 128))])) != nil)
    }

    @Test(arguments: ["assistant", "context_from"])
    func otherIdentifiersAreLimitedTo128(field: String) {
        let r = rejection(with(taskExample, [field: .string(String(repeating: "x", count: 129))]))
        #expect(r?.error.contains("'\(field)'") == true)
    }

    @Test func textFieldsAreLimitedTo512() {
        #expect(accepted(with(taskExample, ["task_type": .string(String(repeating: "t", count: 512))])) != nil)
        let r = rejection(with(taskExample, ["task_type": .string(String(repeating: "t", count: 513))]))
        #expect(r?.error.contains("'task_type'") == true)
        #expect(r?.error.contains("512") == true)
    }

    @Test func emptyStringIsRejected() {
        let r = rejection(with(taskExample, ["tool": .string("")]))
        #expect(r?.error.contains("'tool'") == true)
        #expect(r?.error.contains("empty") == true)
    }

    @Test func controlCharactersAreRejected() {
        let r = rejection(with(taskExample, ["actor": .string("ana\nbob")]))
        #expect(r?.error.contains("'actor'") == true)
        #expect(r?.error.contains("control") == true)
    }

    // MARK: JSON types

    @Test(arguments: [
        ("workflow_id", JSONValue.number(42), "a number"), ("tool", .bool(true), "a boolean"),
        ("actor", .array([]), "an array"), ("stage", .object([:]), "an object"),
        ("ended_at", .number(0), "a number"),
    ])
    func wrongJSONTypeNamesFieldAndType(field: String, value: JSONValue, typeName: String) {
        let r = rejection(with(taskExample, [field: value]))
        #expect(r?.error.contains("'\(field)'") == true)
        #expect(r?.error.contains(typeName) == true)
    }

    @Test func wrongJSONTypeInWorkflow() {
        let r = rejection(with(workflowExample, ["severity": .number(3)]))
        #expect(r?.error.contains("'severity'") == true)
        #expect(r?.error.contains("a number") == true)
    }

    // MARK: Index and id of rejections

    @Test func rejectionCarriesIndexAndTaskID() {
        let r = rejection(with(taskExample, ["stage": .string("nope")]), index: 17)
        #expect(r?.index == 17)
        #expect(r?.id == "siem-42")
    }

    @Test func rejectionCarriesIndexAndWorkflowID() {
        let r = rejection(with(workflowExample, ["severity": .string("nope")]), index: 3)
        #expect(r?.index == 3)
        #expect(r?.id == "INC-1042")
    }

    @Test func rejectionOfTaskUsesTaskIDNotWorkflowID() {
        let r = rejection(with(taskExample, ["id": nil]), index: 2)
        #expect(r?.index == 2)
        // A task without an id has no id of its own, even though it names a workflow.
        #expect(r?.id == nil)
    }
}
