import Foundation

/// A request to tag a handoff, validated the same way for the API, the command line and the web
/// form: a reason from the taxonomy and an optional note.
public struct TagRequest: Sendable, Hashable {
    public var reason: HandoffReason
    public var note: String?

    public static let maximumNoteLength = 2_000

    /// Why a tag request was refused; the message names the allowed reasons where that helps.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var message: String
        public var description: String { "\(field): \(message)" }
    }

    public static var allowedReasons: String { HandoffReason.allCases.map(\.rawValue).joined(separator: ", ") }

    public init(reason: String?, note: String?) throws(Invalid) {
        guard let reason, !reason.isEmpty else {
            throw Invalid(field: "reason", message: "is required; one of \(Self.allowedReasons)")
        }
        guard let value = HandoffReason(rawValue: reason) else {
            throw Invalid(
                field: "reason", message: "'\(reason.prefix(60))' is not a reason; use one of \(Self.allowedReasons)")
        }
        self.reason = value
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let trimmed, trimmed.count > Self.maximumNoteLength {
            throw Invalid(field: "note", message: "is longer than \(Self.maximumNoteLength) characters")
        }
        if let trimmed, trimmed.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw Invalid(field: "note", message: "contains a NUL character")
        }
        self.note = (trimmed?.isEmpty ?? true) ? nil : trimmed
    }
}
