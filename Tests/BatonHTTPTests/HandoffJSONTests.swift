import BatonCore
import Foundation
import Testing

@testable import BatonHTTP

/// The JSON of `GET /v1/workflows/{id}` and `GET /v1/handoffs` for fixed samples, byte for byte
/// as the bodies encoded it before the handoff types became one (issue 19): the literals were
/// captured from the earlier code, so any change of key, value or null/absent shows here.
@Suite("handoff JSON bodies stay byte-identical")
struct HandoffJSONTests {
    static let at = Timestamp(microseconds: 1_767_600_000_123_456)

    static var timeline: WorkflowTimeline {
        let intake = Handoff(
            sequence: 0, kind: .intake, fromTaskID: nil, toTaskID: "t-1", waitMicroseconds: 90_000_000,
            handedAt: at, fromTool: nil, toTool: "siem", fromStage: nil, toStage: .triage, fromActor: nil,
            toActor: "ana", crossTool: false, aiBoundary: false, contextCarried: false,
            coordination: HandoffCoordination(toAssistant: "siem-x", toAIMode: .assisted))
        let handoff = Handoff(
            sequence: 1, kind: .handoff, fromTaskID: "t-1", toTaskID: "t-2", waitMicroseconds: 1_234_567,
            handedAt: at.adding(microseconds: 3_600_000_000), fromTool: "siem", toTool: "edr", fromStage: .triage,
            toStage: .investigation, fromActor: "ana", toActor: "bo", crossTool: true, aiBoundary: true,
            contextCarried: true,
            coordination: HandoffCoordination(
                fromAssistant: "siem-x", fromAIMode: .assisted, toAssistant: nil, toAIMode: .none,
                producerTaskID: "t-1", lineage: .linked, producerAssistant: "siem-x", producerAIMode: .assisted,
                lineageWaitMicroseconds: 2_500_000, regathered: true, linkRegathered: false,
                duplicateMicroseconds: 7_000_001, duplicates: [.human: 7_000_001]))
        let unlinked = Handoff(
            sequence: 2, kind: .handoff, fromTaskID: "t-2", toTaskID: "t-3", waitMicroseconds: 0,
            handedAt: at.adding(microseconds: 7_200_000_000), fromTool: "edr", toTool: "edr",
            fromStage: .investigation, toStage: nil, fromActor: "bo", toActor: nil, crossTool: false,
            aiBoundary: false, contextCarried: false,
            coordination: HandoffCoordination(
                fromAssistant: nil, fromAIMode: AIMode.none, toAssistant: "edr-y", toAIMode: .autonomous,
                lineage: .otherCase))
        return WorkflowTimeline(
            workflowID: "WF-1", reported: true, openedAt: at, closedAt: nil, severity: .high, category: "phishing",
            outcome: nil, effectiveOpenedAt: at, openedAtInferred: false, metrics: nil, aiTouched: true,
            pingPong: false, tasks: [],
            handoffs: [
                .init(handoff: intake, tags: []),
                .init(
                    handoff: handoff,
                    tags: [
                        HandoffTag(reason: .queueWait, note: "lunch", taggedAt: at),
                        HandoffTag(reason: .toolSwitch, note: nil, taggedAt: at.adding(microseconds: 1)),
                    ]),
                .init(handoff: unlinked, tags: []),
            ])
    }

    static var page: HandoffPage {
        let tagged = QueuedHandoff(
            workflowID: "WF-1",
            handoff: Handoff(
                sequence: 1, kind: .handoff, fromTaskID: "t-1", toTaskID: "t-2", waitMicroseconds: 1_234_567,
                handedAt: at, fromTool: "siem", toTool: "edr", fromStage: .triage, toStage: .investigation,
                fromActor: "ana", toActor: "bo", crossTool: true, aiBoundary: true, contextCarried: true,
                coordination: HandoffCoordination(fromAssistant: "siem-x", fromAIMode: .assisted)),
            tag: .init(reason: .queueWait, note: "lunch", taggedBy: "cli:ana", taggedAt: at), tagCount: 2)
        let untagged = QueuedHandoff(
            workflowID: "WF-2",
            handoff: Handoff(
                sequence: 1, kind: .handoff, fromTaskID: "t-2", toTaskID: "t-3", waitMicroseconds: 0,
                handedAt: at.adding(microseconds: 5), fromTool: "edr", toTool: "soar", fromStage: nil, toStage: nil,
                fromActor: nil, toActor: nil, crossTool: true, aiBoundary: true, contextCarried: false,
                coordination: HandoffCoordination(
                    fromAIMode: AIMode.none, toAssistant: "soar-z", toAIMode: .autonomous)),
            tag: .init(reason: .toolSwitch, note: nil, taggedBy: nil, taggedAt: at), tagCount: 1)
        let bare = QueuedHandoff(
            workflowID: "WF-3",
            handoff: Handoff(
                sequence: 1, kind: .handoff, fromTaskID: "t-8", toTaskID: "t-9", waitMicroseconds: 60_000_000,
                handedAt: at, fromTool: nil, toTool: "soar", fromStage: nil, toStage: .response, fromActor: nil,
                toActor: nil, crossTool: true, aiBoundary: false, contextCarried: false),
            tag: nil, tagCount: 0)
        return HandoffPage(handoffs: [tagged, untagged, bare], nextCursor: bare.cursor)
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
    }

    @Test("GET /v1/workflows/{id}")
    func workflow() throws {
        let json = try Self.json(WorkflowBody(Self.timeline))
        #expect(json == Self.workflowJSON)
    }

    @Test("GET /v1/handoffs, by tool and by assistant, with and without a next page")
    func handoffPage() throws {
        let byTool = try Self.json(HandoffPageBody(Self.page))
        var last = Self.page
        last.nextCursor = nil
        let byAssistant = try Self.json(HandoffPageBody(last, classBy: .assistant))
        #expect(byTool == Self.pageByToolJSON)
        #expect(byAssistant == Self.pageByAssistantJSON)
    }

    static let workflowJSON = [
        #"{"ai_touched":true,"category":"phishing","effective_opened_at":"2026-01-05T08:00:00.123456Z","#,
        #""handoffs":[{"ai_boundary":false,"context_carried":false,"cross_tool":false,"#,
        #""duplicate_seconds":0,"handed_at":"2026-01-05T08:00:00.123456Z","id":"t-1","kind":"intake","#,
        #""tags":[],"to_actor":"ana","to_side":"siem-x","to_stage":"triage","to_task":"t-1","#,
        #""to_tool":"siem","wait_seconds":90},{"ai_boundary":true,"context_carried":true,"#,
        #""cross_tool":true,"duplicate_seconds":7.000001,"from_actor":"ana","from_side":"siem-x","#,
        #""from_stage":"triage","from_task":"t-1","from_tool":"siem","#,
        #""handed_at":"2026-01-05T09:00:00.123456Z","id":"t-2","kind":"handoff","lineage":"linked","#,
        #""lineage_wait_seconds":2.5,"producer_task":"t-1","tags":[{"note":"lunch","reason":"queue-wait","#,
        #""tagged_at":"2026-01-05T08:00:00.123456Z"},{"reason":"tool-switch","#,
        #""tagged_at":"2026-01-05T08:00:00.123457Z"}],"to_actor":"bo","to_side":"human","#,
        #""to_stage":"investigation","to_task":"t-2","to_tool":"edr","wait_seconds":1.234567},"#,
        #"{"ai_boundary":false,"context_carried":false,"cross_tool":false,"duplicate_seconds":0,"#,
        #""from_actor":"bo","from_side":"human","from_stage":"investigation","from_task":"t-2","#,
        #""from_tool":"edr","handed_at":"2026-01-05T10:00:00.123456Z","id":"t-3","kind":"handoff","#,
        #""lineage":"other-case","tags":[],"to_side":"edr-y","to_task":"t-3","to_tool":"edr","#,
        #""wait_seconds":0}],"opened_at":"2026-01-05T08:00:00.123456Z","opened_at_inferred":false,"#,
        #""ping_pong":false,"reported":true,"severity":"high","tasks":[],"workflow_id":"WF-1"}"#,
    ].joined()
    static let pageByToolJSON = [
        #"{"handoffs":[{"assistants":["siem-x"],"context_carried":true,"from_actor":"ana","#,
        #""from_side":"siem-x","from_stage":"triage","from_task_id":"t-1","from_tool":"siem","#,
        #""handed_at":"2026-01-05T08:00:00.123456Z","handoff_class":"siem→edr","id":"t-2","#,
        #""tag":{"note":"lunch","reason":"queue-wait","tagged_at":"2026-01-05T08:00:00.123456Z","#,
        #""tagged_by":"cli:ana"},"tag_count":2,"to_actor":"bo","to_side":"human","#,
        #""to_stage":"investigation","to_tool":"edr","tool_pair":"siem→edr","wait_seconds":1.234567,"#,
        #""workflow_id":"WF-1"},{"assistants":["soar-z"],"context_carried":false,"from_side":"human","#,
        #""from_task_id":"t-2","from_tool":"edr","handed_at":"2026-01-05T08:00:00.123461Z","#,
        #""handoff_class":"edr→soar","id":"t-3","tag":{"reason":"tool-switch","#,
        #""tagged_at":"2026-01-05T08:00:00.123456Z"},"tag_count":1,"to_side":"soar-z","to_tool":"soar","#,
        #""tool_pair":"edr→soar","wait_seconds":0,"workflow_id":"WF-2"},{"assistants":[],"#,
        #""context_carried":false,"from_task_id":"t-8","handed_at":"2026-01-05T08:00:00.123456Z","#,
        #""handoff_class":"→soar","id":"t-9","tag_count":0,"to_side":"human","to_stage":"response","#,
        #""to_tool":"soar","tool_pair":"→soar","wait_seconds":60,"workflow_id":"WF-3"}],"#,
        #""next_cursor":"eyJmIjoiV0YtMyIsInQiOiJ0LTkiLCJ3Ijo2MDAwMDAwMH0"}"#,
    ].joined()
    static let pageByAssistantJSON = [
        #"{"handoffs":[{"assistants":["siem-x"],"context_carried":true,"from_actor":"ana","#,
        #""from_side":"siem-x","from_stage":"triage","from_task_id":"t-1","from_tool":"siem","#,
        #""handed_at":"2026-01-05T08:00:00.123456Z","handoff_class":"siem-x→human","id":"t-2","#,
        #""tag":{"note":"lunch","reason":"queue-wait","tagged_at":"2026-01-05T08:00:00.123456Z","#,
        #""tagged_by":"cli:ana"},"tag_count":2,"to_actor":"bo","to_side":"human","#,
        #""to_stage":"investigation","to_tool":"edr","tool_pair":"siem→edr","wait_seconds":1.234567,"#,
        #""workflow_id":"WF-1"},{"assistants":["soar-z"],"context_carried":false,"from_side":"human","#,
        #""from_task_id":"t-2","from_tool":"edr","handed_at":"2026-01-05T08:00:00.123461Z","#,
        #""handoff_class":"human→soar-z","id":"t-3","tag":{"reason":"tool-switch","#,
        #""tagged_at":"2026-01-05T08:00:00.123456Z"},"tag_count":1,"to_side":"soar-z","to_tool":"soar","#,
        #""tool_pair":"edr→soar","wait_seconds":0,"workflow_id":"WF-2"},{"assistants":[],"#,
        #""context_carried":false,"from_task_id":"t-8","handed_at":"2026-01-05T08:00:00.123456Z","#,
        #""handoff_class":"→human","id":"t-9","tag_count":0,"to_side":"human","to_stage":"response","#,
        #""to_tool":"soar","tool_pair":"→soar","wait_seconds":60,"workflow_id":"WF-3"}],"#,
        #""next_cursor":null}"#,
    ].joined()
}
