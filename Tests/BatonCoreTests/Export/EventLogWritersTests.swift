import BatonTestSupport
import Foundation
import Testing

@testable import BatonCore

/// One workflow with three tasks: a finished AI triage, a zero-length human step that starts as
/// the triage ends, and a running task with a hostile actor name.
enum EventLogFixtures {
    static func at(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    static let cases = [
        EventLogCase(
            workflowID: "INC-1", openedAt: at("2026-03-02T10:00:00Z"), closedAt: at("2026-03-02T14:30:00Z"),
            severity: .high, category: "phishing",
            tasks: [
                TaskRecord(
                    id: "t1", workflowID: "INC-1", taskType: "alert-triage", stage: .triage, tool: "siem",
                    actor: "analyst:ana", assistant: "siem-copilot", aiMode: .assisted,
                    startedAt: at("2026-03-02T10:04:00Z"), endedAt: at("2026-03-02T10:09:30.5Z")),
                TaskRecord(
                    id: "t2", workflowID: "INC-1", taskType: "escalate", tool: "ticketing",
                    startedAt: at("2026-03-02T10:09:30.5Z"), endedAt: at("2026-03-02T10:09:30.5Z"), contextFrom: "t1"),
                TaskRecord(
                    id: "t3", workflowID: "INC-1", taskType: "contain", stage: .response, tool: "edr",
                    actor: "=cmd|' /C calc'!A0 <b>&\"x\"", startedAt: at("2026-03-02T11:00:00Z")),
            ]),
        EventLogCase(workflowID: "INC-2", openedAt: nil, closedAt: nil, severity: nil, category: nil, tasks: []),
    ]

    static func write(_ format: EventLogFormat, pages: [[EventLogCase]]) -> String {
        var writer = format.writer(
            taskTypes: ["alert-triage", "contain", "escalate"],
            assistants: [
                AssistantMetadata(
                    name: "siem-copilot", tool: "siem", category: .copilot, archetype: .taker, rolloutAt: nil)
            ])
        var out = writer.header()
        for page in pages { out += writer.events(page) }
        if writer.needsObjectPass { for page in pages { out += writer.objects(page) } }
        return out + writer.footer()
    }
}

@Suite("Event log writers")
struct EventLogWritersTests {
    typealias F = EventLogFixtures

    @Test("events in time order: a completion before a start at the same instant, but a zero-length task starts first")
    func eventOrder() {
        let events = F.cases[0].events.map { "\($0.task.id):\($0.transition)" }
        #expect(events == ["t1:start", "t1:complete", "t2:start", "t2:complete", "t3:start"])
    }

    @Test("XES starts with the IEEE 1849 declaration and escapes hostile text")
    func xesHeader() {
        let xml = F.write(.xes, pages: [[F.cases[0]], [F.cases[1]]])
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\""))
        #expect(xml.contains("&lt;b&gt;&amp;&quot;x&quot;"))
    }

    // Python's XML parser is the independent judge: skipped with the reason where python3 is
    // missing, unless BATON_REQUIRE_EXTERNAL=1 (CI), which fails instead.
    @Test(
        "XES follows IEEE 1849: extensions, globals, classifiers, one trace per workflow, start/complete pairs",
        .enabled(if: ExternalProgram.python.runs(), Comment(rawValue: ExternalProgram.python.skipReason)))
    func xes() throws {
        let xml = F.write(.xes, pages: [[F.cases[0]], [F.cases[1]]])
        _ = try #require(Python.executable, "\(ExternalProgram.python.skipReason)")
        // Python's XML parser is the judge of well-formedness; the summary is the structure.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("baton-\(UUID().uuidString).xes")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let data = try Python.run(
            """
            import json, sys, xml.etree.ElementTree as ET
            ns = '{http://www.xes-standard.org/}'
            log = ET.parse(sys.argv[1]).getroot()
            def attrs(e): return {a.get('key'): [a.tag[len(ns):], a.get('value')] for a in e if a.tag != ns + 'event'}
            print(json.dumps({
              'root': log.tag[len(ns):], 'version': log.get('xes.version'),
              'extensions': sorted(x.get('prefix') for x in log.findall(ns + 'extension')),
              'globals': sorted(g.get('scope') for g in log.findall(ns + 'global')),
              'classifiers': [c.get('keys') for c in log.findall(ns + 'classifier')],
              'traces': [{'attrs': attrs(t), 'events': [attrs(e) for e in t.findall(ns + 'event')]}
                         for t in log.findall(ns + 'trace')]}))
            """, arguments: [file.path])
        struct Summary: Decodable {
            struct Trace: Decodable {
                var attrs: [String: [String]]
                var events: [[String: [String]]]
            }
            var root: String
            var version: String
            var extensions: [String]
            var globals: [String]
            var classifiers: [String]
            var traces: [Trace]
        }
        let summary = try JSONDecoder().decode(Summary.self, from: data)
        #expect(summary.root == "log")
        #expect(summary.version == "1849-2016")
        #expect(summary.extensions == ["concept", "lifecycle", "org", "time"])
        #expect(summary.globals == ["event", "trace"])
        #expect(summary.classifiers == ["concept:name", "concept:name lifecycle:transition"])
        #expect(summary.traces.count == 2)
        let trace = summary.traces[0]
        #expect(trace.attrs["concept:name"] == ["string", "INC-1"])
        #expect(trace.attrs["opened_at"] == ["date", "2026-03-02T10:00:00Z"])
        #expect(trace.events.count == 5)
        let first = trace.events[0]
        #expect(first["concept:name"] == ["string", "alert-triage"])
        #expect(first["lifecycle:transition"] == ["string", "start"])
        #expect(first["time:timestamp"] == ["date", "2026-03-02T10:04:00Z"])
        #expect(first["org:resource"] == ["string", "analyst:ana"])
        #expect(first["concept:instance"] == ["string", "t1"])
        #expect(first["tool"] == ["string", "siem"])
        #expect(first["stage"] == ["string", "triage"])
        #expect(first["assistant"] == ["string", "siem-copilot"])
        #expect(first["ai_mode"] == ["string", "assisted"])
        #expect(trace.events[1]["time:timestamp"] == ["date", "2026-03-02T10:09:30.5Z"])
        #expect(trace.events[1]["lifecycle:transition"] == ["string", "complete"])
        // A missing actor or stage is left out, not written empty.
        #expect(trace.events[2]["org:resource"] == nil)
        #expect(trace.events[2]["stage"] == nil)
        // Markup in a value comes back as the same text.
        #expect(trace.events[4]["org:resource"] == ["string", "=cmd|' /C calc'!A0 <b>&\"x\""])
        #expect(summary.traces[1].events.isEmpty)
    }

    @Test("OCEL 2.0 JSON: object and event types, events related to their workflow and assistant, objects listed")
    func ocel() throws {
        let text = F.write(.ocel, pages: [[F.cases[0]], [F.cases[1]]])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["objectTypes", "eventTypes", "objects", "events"])
        let eventTypes = try #require(json["eventTypes"] as? [[String: Any]])
        #expect(eventTypes.map { $0["name"] as? String } == ["alert-triage", "contain", "escalate"])
        let objectTypes = try #require(json["objectTypes"] as? [[String: Any]])
        #expect(objectTypes.map { $0["name"] as? String } == ["workflow", "assistant"])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(
            events.map { $0["id"] as? String } == ["t1:start", "t1:complete", "t2:start", "t2:complete", "t3:start"])
        #expect(events[0]["type"] as? String == "alert-triage")
        #expect(events[0]["time"] as? String == "2026-03-02T10:04:00Z")
        let relationships = try #require(events[0]["relationships"] as? [[String: String]])
        #expect(
            relationships == [
                ["objectId": "workflow:INC-1", "qualifier": "case"],
                ["objectId": "assistant:siem-copilot", "qualifier": "assistant"],
            ])
        let objects = try #require(json["objects"] as? [[String: Any]])
        #expect(objects.map { $0["id"] as? String } == ["assistant:siem-copilot", "workflow:INC-1", "workflow:INC-2"])
        let workflow = objects[1]
        #expect(
            (workflow["relationships"] as? [[String: String]])
                == [["objectId": "assistant:siem-copilot", "qualifier": "assisted-by"]])
        // Every relationship points at a listed object.
        let ids = Set(objects.compactMap { $0["id"] as? String })
        for event in events {
            for r in event["relationships"] as? [[String: String]] ?? [] { #expect(ids.contains(r["objectId"] ?? "")) }
        }
        // An empty log is still valid JSON with the assistant objects.
        let empty = F.write(.ocel, pages: [])
        let emptyJSON = try #require(try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [String: Any])
        #expect((emptyJSON["events"] as? [Any])?.isEmpty == true)
        #expect((emptyJSON["objects"] as? [Any])?.count == 1)
    }

    @Test("flat CSV: one row per task, the running task with an empty completion, formula guarded")
    func csv() throws {
        let rows = try CSVReader.records(F.write(.csv, pages: [[F.cases[0]], [F.cases[1]]]))
        #expect(rows.first == EventCSVWriter.columns)
        #expect(rows.count == 4)
        #expect(rows[1][0...2] == ["INC-1", "t1", "alert-triage"])
        #expect(rows[1][9] == "2026-03-02T10:09:30.5Z")
        #expect(rows[3][5] == "'=cmd|' /C calc'!A0 <b>&\"x\"")
        #expect(rows[3][9] == "")
    }
}
