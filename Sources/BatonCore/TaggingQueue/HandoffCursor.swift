import Foundation

/// Where a page of the handoff queue ended: the last row's wait and key. Sent to clients as an
/// opaque base64url string, so its layout can change without breaking them.
public struct HandoffCursor: Sendable, Hashable, Codable {
    public var waitMicroseconds: Int64
    public var workflowID: String
    public var toTaskID: String

    public init(waitMicroseconds: Int64, workflowID: String, toTaskID: String) {
        self.waitMicroseconds = waitMicroseconds
        self.workflowID = workflowID
        self.toTaskID = toTaskID
    }

    enum CodingKeys: String, CodingKey {
        case waitMicroseconds = "w"
        case workflowID = "f"
        case toTaskID = "t"
    }

    /// The opaque form: base64url (no padding) of a small JSON object.
    public var token: String {
        // Sorted keys: the same position always gives the same token.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor a previous page returned; `nil` if it is not one.
    public init?(token: String) {
        guard token.utf8.count <= 2_048 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let cursor = try? JSONDecoder().decode(HandoffCursor.self, from: data)
        else { return nil }
        self = cursor
    }
}
