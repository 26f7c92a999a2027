import BatonCore
import Testing

@Suite struct HandoffFilterTests {
    @Test("durations: units, combinations and bare minutes; nonsense is refused")
    func durations() throws {
        let cases: [(String, Int64)] = [
            ("90s", 90_000_000), ("30m", 1_800_000_000), ("2h", 7_200_000_000), ("1h30m", 5_400_000_000),
            ("1d", 86_400_000_000), ("45", 2_700_000_000), ("0.5h", 1_800_000_000),
        ]
        for (text, expected) in cases {
            let filter = try HandoffFilter(parameters: ["min_wait": text])
            #expect(filter.minimumWaitMicroseconds == expected, "\(text)")
        }
        for bad in ["", "soon", "5x", "h", "-3", "1h30"] {
            #expect(throws: HandoffFilter.ParameterError.self, "\(bad)") {
                try HandoffFilter(parameters: ["min_wait": bad])
            }
        }
    }

    @Test("every parameter is read, and each bad one is named")
    func parameters() throws {
        let filter = try HandoffFilter(parameters: [
            "untagged": "true", "tool_pair": "siem->edr", "stage": "investigation", "assistant": "edr-agent",
            "from": "2026-01-05", "to": "2026-04-05T00:00:00Z", "limit": "10",
        ])
        #expect(filter.untagged)
        #expect(filter.toolPair == ToolPair(from: "siem", to: "edr"))
        #expect(filter.stage == .investigation)
        #expect(filter.assistant == "edr-agent")
        #expect(filter.from == Timestamp(rfc3339: "2026-01-05T00:00:00Z"))
        #expect(filter.limit == 10)
        #expect(try HandoffFilter(parameters: [:]) == HandoffFilter())
        #expect(ToolPair(parsing: "siem→edr")?.description == "siem→edr")
        #expect(ToolPair(parsing: "siem>edr") == ToolPair(from: "siem", to: "edr"))
        // An emoji modifier or a combining mark right after the arrow makes one Character with it
        // (found by schemathesis: `£F>🏻` was refused although the document's pattern allows it).
        #expect(ToolPair(parsing: "£F>🏻") == ToolPair(from: "£F", to: "🏻"))
        #expect(ToolPair(parsing: "a>\u{301}b") == ToolPair(from: "a", to: "\u{301}b"))
        #expect(ToolPair(parsing: "a-\u{301}>b") == ToolPair(from: "a-\u{301}", to: "b"))
        #expect(ToolPair(parsing: "a>🏻>b") == nil)

        let bad: [(String, String)] = [
            ("untagged", "maybe"), ("tool_pair", "→edr"), ("stage", "coffee"), ("limit", "501"), ("limit", "x"),
            ("from", "2026-13-01"), ("cursor", "%%%"), ("assistant", ""),
        ]
        for (name, value) in bad {
            do {
                _ = try HandoffFilter(parameters: [name: value])
                Issue.record("\(name)=\(value) was accepted")
            } catch {
                #expect(error.parameter == name)
            }
        }
        #expect(throws: HandoffFilter.ParameterError.self) {
            try HandoffFilter(parameters: ["from": "2026-02-01", "to": "2026-01-01"])
        }
    }

    @Test("a cursor survives its opaque form, including awkward ids; garbage is not a cursor")
    func cursor() {
        let cursor = HandoffCursor(waitMicroseconds: 12_345, workflowID: "INC/42 \"x\"", toTaskID: "t-é+=")
        let token = cursor.token
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
        #expect(HandoffCursor(token: token) == cursor)
        #expect(HandoffCursor(token: "bm90IGpzb24") == nil)
        #expect(HandoffCursor(token: String(repeating: "A", count: 5_000)) == nil)
    }

    @Test("tag requests: a reason from the taxonomy, a trimmed note within its limit")
    func tagRequest() throws {
        let request = try TagRequest(reason: "queue-wait", note: "  waited for the EDR queue \n")
        #expect(request.reason == .queueWait)
        #expect(request.note == "waited for the EDR queue")
        #expect(try TagRequest(reason: "other", note: "   ").note == nil)
        do {
            _ = try TagRequest(reason: "vibes", note: nil)
            Issue.record("accepted an unknown reason")
        } catch {
            #expect(error.field == "reason")
            #expect(error.message.contains(HandoffReason.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        #expect(throws: TagRequest.Invalid.self) { try TagRequest(reason: nil, note: nil) }
        #expect(throws: TagRequest.Invalid.self) {
            try TagRequest(reason: "other", note: String(repeating: "x", count: TagRequest.maximumNoteLength + 1))
        }
    }

    @Test("the terminal table lists every row and the next cursor")
    func table() {
        let handoff = Handoff(
            sequence: 1, kind: .handoff, fromTaskID: "t-1", toTaskID: "t-2", waitMicroseconds: 5_400_000_000,
            handedAt: Timestamp(microseconds: 0), fromTool: "siem", toTool: "edr", fromStage: .triage,
            toStage: .investigation, fromActor: nil, toActor: nil, crossTool: true, aiBoundary: false,
            contextCarried: true)
        let row = QueuedHandoff(
            workflowID: "WF-1", handoff: handoff,
            tag: .init(reason: .queueWait, note: "lunch", taggedBy: "cli:ana", taggedAt: Timestamp(microseconds: 0)),
            tagCount: 1)
        let text = HandoffPage(handoffs: [row], nextCursor: row.cursor).text
        #expect(text.contains("siem→edr"))
        #expect(text.contains("1 h 30 min"))
        #expect(text.contains("queue-wait: lunch"))
        #expect(text.contains("--cursor \(row.cursor.token)"))
        #expect(HandoffPage(handoffs: [], nextCursor: nil).text == "no handoffs match\n")
    }
}
