/// One person's rating of an assistant's value (value-model §5, perceived value).
public struct Perception: Sendable, Hashable {
    public var assistant: String
    public var respondentRole: String?
    public var rating: ValueRating
    public var ratedAt: Timestamp
    public var note: String?

    public init(assistant: String, respondentRole: String?, rating: ValueRating, ratedAt: Timestamp, note: String?) {
        self.assistant = assistant
        self.respondentRole = respondentRole
        self.rating = rating
        self.ratedAt = ratedAt
        self.note = note
    }
}
