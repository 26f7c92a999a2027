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

    /// A row of the queue: ``BatonCore/Handoff``'s shared and queue fields
    /// (``BatonCore/Handoff/encodeSharedFields(to:)``), its workflow and its current tag.
    struct QueueRow: Encodable {
        var row: QueuedHandoff
        var classBy: HandoffClassing

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Handoff.JSONKey.self)
            try row.handoff.encodeSharedFields(to: &container)
            try row.handoff.encodeQueueFields(to: &container, classBy: classBy)
            try container.encode(row.workflowID, forKey: "workflowId")
            try container.encodeIfPresent(row.tag.map(Tag.init), forKey: "tag")
            try container.encode(row.tagCount, forKey: "tagCount")
        }
    }

    var handoffs: [QueueRow]
    var nextCursor: String?

    package init(_ page: HandoffPage, classBy: HandoffClassing = .tool) {
        handoffs = page.handoffs.map { QueueRow(row: $0, classBy: classBy) }
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
