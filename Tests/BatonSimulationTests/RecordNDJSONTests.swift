import BatonCore
import Foundation
import Testing

// Expected lines are written by hand from the contract (field names of value-model §1) and the
// documented order of `Record.ndjsonLine`.

/// 2026-03-02T10:00:00Z plus `seconds`.
private func at(_ seconds: Int64, micros: Int64 = 0) -> Timestamp {
    Timestamp(microseconds: (1_772_445_600 + seconds) * 1_000_000 + micros)
}

private func decodeObject(_ line: String) throws -> [String: String] {
    try JSONDecoder().decode([String: String].self, from: Data(line.utf8))
}

/// The record read back the way the collector reads it: NDJSON parser, then validator.
private func collectorReads(_ line: String) throws -> Record? {
    let items = try BatchParser.parse(Data((line + "\n").utf8), format: .ndjson)
    guard items.count == 1, case .success(let value) = items[0] else { return nil }
    return try RecordValidator(now: at(86_400 * 365)).validate(value, index: 0).get()
}

@Suite("Record.ndjsonLine")
struct RecordNDJSONTests {
    @Test("a workflow with every field: fixed key order, fraction only when not zero")
    func fullWorkflow() throws {
        let record = Record.workflow(
            WorkflowRecord(
                workflowID: "WF-1", openedAt: at(0), closedAt: at(5400, micros: 250_000), severity: .high,
                category: "phishing", outcome: "true-positive"))
        let expected =
            #"{"type":"workflow","workflow_id":"WF-1","opened_at":"2026-03-02T10:00:00Z","closed_at":"2026-03-02T11:30:00.25Z","severity":"high","category":"phishing","outcome":"true-positive"}"#
        #expect(record.ndjsonLine == expected)
        #expect(try collectorReads(record.ndjsonLine) == record)
    }

    @Test("a task with every field: fixed key order")
    func fullTask() throws {
        let record = Record.task(
            TaskRecord(
                id: "T-1", workflowID: "WF-1", taskType: "alert-triage", stage: .triage, tool: "siem",
                actor: "tier1:analyst-01", assistant: "siem-triage-assistant", aiMode: .assisted, startedAt: at(60),
                endedAt: at(360), contextFrom: "T-0"))
        let expected =
            #"{"type":"task","id":"T-1","workflow_id":"WF-1","task_type":"alert-triage","stage":"triage","tool":"siem","actor":"tier1:analyst-01","assistant":"siem-triage-assistant","ai_mode":"assisted","started_at":"2026-03-02T10:01:00Z","ended_at":"2026-03-02T10:06:00Z","context_from":"T-0"}"#
        #expect(record.ndjsonLine == expected)
        #expect(try collectorReads(record.ndjsonLine) == record)
    }

    @Test("nil fields are omitted, not written as null")
    func omitsNil() throws {
        let workflow = Record.workflow(WorkflowRecord(workflowID: "WF-2", openedAt: at(0)))
        #expect(workflow.ndjsonLine == #"{"type":"workflow","workflow_id":"WF-2","opened_at":"2026-03-02T10:00:00Z"}"#)
        let task = Record.task(
            TaskRecord(id: "T-2", workflowID: "WF-2", taskType: "case-summary", tool: "ticketing", startedAt: at(-1)))
        #expect(
            task.ndjsonLine
                == #"{"type":"task","id":"T-2","workflow_id":"WF-2","task_type":"case-summary","tool":"ticketing","ai_mode":"none","started_at":"2026-03-02T09:59:59Z"}"#
        )
        for record in [workflow, task] {
            #expect(!record.ndjsonLine.contains("null"))
            #expect(try collectorReads(record.ndjsonLine) == record)
        }
        // Only some optional fields set: the others are still in their fixed places.
        let partial = Record.workflow(WorkflowRecord(workflowID: "WF-3", openedAt: at(0), category: "cloud"))
        #expect(
            partial.ndjsonLine
                == #"{"type":"workflow","workflow_id":"WF-3","opened_at":"2026-03-02T10:00:00Z","category":"cloud"}"#)
    }

    @Test("quotes, backslashes, newlines and control characters are escaped (RFC 8259)")
    func escapes() throws {
        let text = "a\"b\\c\nd\re\tf\u{01}g\u{00}h\u{1F}i\u{08}j\u{7F}k é → 🚀 /"
        let record = Record.workflow(WorkflowRecord(workflowID: "W\"1\\", openedAt: at(0), outcome: text))
        let line = record.ndjsonLine
        #expect(line.contains(#""workflow_id":"W\"1\\","#))
        #expect(line.contains(#"a\"b\\c\nd\re\tf\u0001g\u0000h"#))
        // JSON allows either case of hex digits, and \b or \u0008 for backspace.
        #expect(line.lowercased().contains(#"h\u001fi"#))
        #expect(line.contains(#"i\u0008j"#) || line.contains(#"i\bj"#))
        // DEL and non-ASCII need no escape and are kept as they are (UTF-8).
        #expect(line.hasSuffix("\u{7F}k é → 🚀 /\"}"))
        // One line, with no raw control character left in it.
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
        // It is JSON, and decodes to the same strings.
        let object = try decodeObject(line)
        #expect(
            object == [
                "type": "workflow", "workflow_id": "W\"1\\", "opened_at": "2026-03-02T10:00:00Z", "outcome": text,
            ])
    }

    @Test("escaped text the collector accepts comes back as the same record")
    func escapedRoundTripThroughCollector() throws {
        let record = Record.task(
            TaskRecord(
                id: #"T "quoted" \ 1"#, workflowID: "WF/1", taskType: "triage – ünïcode", tool: "siem\\edr",
                actor: "tier1:\"analyst\"", aiMode: .none, startedAt: at(0), endedAt: at(1)))
        let line = record.ndjsonLine
        #expect(line.hasPrefix(#"{"type":"task","id":"T \"quoted\" \\ 1","workflow_id":"WF/1","#))
        #expect(try collectorReads(line) == record)
        let object = try decodeObject(line)
        #expect(object["id"] == #"T "quoted" \ 1"#)
        #expect(object["tool"] == "siem\\edr")
        #expect(object["task_type"] == "triage – ünïcode")
    }

    @Test("every vocabulary value is written as its raw value")
    func vocabularies() throws {
        for mode in AIMode.allCases {
            let record = Record.task(
                TaskRecord(
                    id: "T", workflowID: "W", taskType: "t", stage: .response, tool: "soar",
                    assistant: mode == .none ? nil : "a", aiMode: mode, startedAt: at(0)))
            let object = try decodeObject(record.ndjsonLine)
            #expect(object["ai_mode"] == mode.rawValue)
            #expect(object["stage"] == "response")
        }
        for severity in Severity.allCases {
            let record = Record.workflow(WorkflowRecord(workflowID: "W", openedAt: at(0), severity: severity))
            #expect(try decodeObject(record.ndjsonLine)["severity"] == severity.rawValue)
        }
    }
}
