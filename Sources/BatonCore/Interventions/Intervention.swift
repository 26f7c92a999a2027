/// A recorded process change (`POST /v1/interventions`, `baton intervention add`,
/// `Docs/interventions.md`): from `date` on, the SOC changed how `target`'s handoffs are worked,
/// for example by pre-approving standard containment actions. The value report measures what
/// happened to the target's waiting (``InterventionEstimator``).
public struct Intervention: Sendable, Hashable {
    /// The store's number for it, unique within the tenant.
    public var id: Int
    /// When the change took effect: handoffs whose waiting began at or after it are "after".
    public var date: Timestamp
    public var target: InterventionTarget
    public var description: String
    /// When it was recorded; `nil` for one that never was (a simulated scenario's).
    public var createdAt: Timestamp?

    public init(id: Int, date: Timestamp, target: InterventionTarget, description: String, createdAt: Timestamp? = nil)
    {
        self.id = id
        self.date = date
        self.target = target
        self.description = description
        self.createdAt = createdAt
    }
}

/// What a client sends to record an intervention, validated.
public struct InterventionInput: Sendable, Hashable {
    public var date: Timestamp
    public var target: InterventionTarget
    public var description: String

    /// The longest description, in characters.
    public static let maxDescriptionLength = 1_000

    public init(date: Timestamp, target: InterventionTarget, description: String) {
        self.date = date
        self.target = target
        self.description = description
    }

    /// Validates the body of `POST /v1/interventions` (the web form and the CLI give the same
    /// fields): `date` (YYYY-MM-DD, UTC midnight, or RFC 3339), `target_kind` (handoff-class,
    /// assistant-pair, assistant), `target` and `description` (1 to 1,000 characters; lines
    /// allowed). The failure names the field.
    public static func validated(fields: [String: JSONValue], limits: RecordLimits = RecordLimits())
        -> Result<InterventionInput, FieldRejection>
    {
        // Dates may lie anywhere: a change may be recorded before it takes effect.
        let reader = FieldReader(fields: fields, limits: limits, now: Timestamp(microseconds: .max / 2))
        do throws(FieldError) {
            try reader.checkOtherText(except: ["date", "target_kind", "target", "description"])
            let dateText = try reader.required("date", reader.optionalString("date", maxLength: 64))
            let date = try parseDate(dateText)
            let kind = try reader.enumValue("target_kind", InterventionTarget.Kind.self)
            let targetText = try reader.required(
                "target", reader.optionalString("target", maxLength: InterventionTarget.maxLength))
            let target: InterventionTarget
            do throws(InterventionTarget.Invalid) {
                target = try InterventionTarget(kind: kind, targetText)
            } catch {
                throw FieldError(error.description)
            }
            let description = try reader.required(
                "description", reader.optionalFreeText("description", maxLength: maxDescriptionLength))
            return .success(InterventionInput(date: date, target: target, description: description))
        } catch {
            return .failure(FieldRejection(message: error.message))
        }
    }

    /// A date as the form, the CLI and the API take it: `YYYY-MM-DD` (midnight UTC) or an RFC 3339
    /// timestamp with an offset.
    static func parseDate(_ text: String) throws(FieldError) -> Timestamp {
        if let t = Timestamp(rfc3339: text) { return t }
        if text.count == 10, let t = Timestamp(rfc3339: text + "T00:00:00Z") { return t }
        throw FieldError("field 'date': '\(text.prefix(40))' is not a date (YYYY-MM-DD) or an RFC 3339 timestamp")
    }
}
