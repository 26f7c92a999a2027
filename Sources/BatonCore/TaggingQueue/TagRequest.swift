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
        var checked: String?
        if let note {
            // Free text: tab and line breaks are allowed (a browser sends CR LF, stored as LF).
            // The limit holds for the note as sent; surrounding white space is then dropped.
            do throws(InputText.Refusal) {
                checked = try InputText.check(note, field: "note", maxLength: Self.maximumNoteLength, shape: .text)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw Invalid(field: "note", message: error.problem)
            }
        }
        self.note = (checked?.isEmpty ?? true) ? nil : checked
    }
}
