extension Perception {
    /// The columns of `baton import perceptions FILE.csv`; `note` may follow as a fifth.
    public static let csvColumns = ["respondent_role", "assistant", "rating", "date"]

    /// Validates one perceived-value rating, from a JSON object (`POST /v1/perceptions`) or a CSV
    /// row: `respondent_role`, `assistant`, `rating` (excellent, good, some, none) and `date`
    /// (YYYY-MM-DD or RFC 3339) are required, `note` is optional. The failure names the field.
    public static func validated(
        fields: [String: JSONValue], limits: RecordLimits = RecordLimits(), now: Timestamp = .now
    ) -> Result<Perception, FieldRejection> {
        let reader = FieldReader(fields: fields, limits: limits, now: now)
        do throws(FieldError) {
            try reader.checkOtherText(except: Set(csvColumns + ["note"]))
            let role = try reader.text("respondent_role")
            let assistant = try reader.identifier("assistant")
            let rating = try reader.enumValue("rating", ValueRating.self)
            let date = try reader.text("date")
            guard let ratedAt = Timestamp(rfc3339: date) ?? Timestamp(rfc3339: date + "T00:00:00Z") else {
                throw FieldError(
                    "field 'date': '\(date.prefix(40))' is not a date (YYYY-MM-DD) or an RFC 3339 timestamp")
            }
            if ratedAt.microseconds(since: now) > limits.maxFutureSkewMicroseconds {
                throw FieldError("field 'date' (\(date.prefix(40))) is in the future")
            }
            return .success(
                Perception(
                    assistant: assistant, respondentRole: role, rating: rating, ratedAt: ratedAt,
                    note: try reader.optionalText("note")))
        } catch {
            return .failure(FieldRejection(message: error.message))
        }
    }
}

/// Why a value was refused; the message names the field.
public struct FieldRejection: Error, Sendable, Hashable {
    public var message: String
}
