package import BatonCore
package import Foundation
import Hummingbird

/// JSON of `GET /v1/handoffs`: one page of the queue and the cursor of the next (`null` at the end).
package struct HandoffPageBody: ResponseEncodable {
    struct Tag: ResponseEncodable {
        var reason: String
        var note: String?
        var taggedBy: String?
        var taggedAt: String

        init(_ t: QueuedHandoff.CurrentTag) {
            reason = t.reason.rawValue
            note = t.note
            taggedBy = t.taggedBy
            taggedAt = t.taggedAt.rfc3339
        }
    }

    struct Handoff: Encodable {
        var id: String
        var workflowId: String
        var fromTaskId: String?
        var fromTool: String?
        var toTool: String
        var toolPair: String
        var fromStage: String?
        var toStage: String?
        var fromActor: String?
        var toActor: String?
        var assistants: [String]
        /// Who worked on each side (value-model §8): the assistant whose AI worked on the task,
        /// or `human`.
        var fromSide: String?
        var toSide: String
        /// `tool_pair`, or the assistant pair with `class_by=assistant`.
        var handoffClass: String
        var waitSeconds: Double
        var handedAt: String
        var contextCarried: Bool
        var tag: Tag?
        var tagCount: Int

        init(_ h: QueuedHandoff, classBy: HandoffClassing) {
            id = h.id
            workflowId = h.workflowID
            fromTaskId = h.fromTaskID
            fromTool = h.fromTool
            toTool = h.toTool
            toolPair = h.toolPair
            fromStage = h.fromStage
            toStage = h.toStage
            fromActor = h.fromActor
            toActor = h.toActor
            assistants = h.assistants
            fromSide = h.fromSide?.description
            toSide = h.toSide.description
            handoffClass = h.handoffClass(classBy)
            waitSeconds = Double(h.waitMicroseconds) / 1_000_000
            handedAt = h.handedAt.rfc3339
            contextCarried = h.contextCarried
            tag = h.tag.map(Tag.init)
            tagCount = h.tagCount
        }
    }

    var handoffs: [Handoff]
    var nextCursor: String?

    package init(_ page: HandoffPage, classBy: HandoffClassing = .tool) {
        handoffs = page.handoffs.map { Handoff($0, classBy: classBy) }
        nextCursor = page.nextCursor?.token
    }

    enum CodingKeys: String, CodingKey {
        case handoffs, nextCursor
    }

    /// `next_cursor` is `null` on the last page rather than absent, so clients can test for it.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(handoffs, forKey: .handoffs)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

extension HandoffPageBody {
    /// The API's JSON, indented, for the command line.
    package func prettyJSON() throws -> Data {
        let encoder = JSONCoding.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return try encoder.encode(self)
    }
}
