extension AssistantMetadata {
    /// Validates the body of `PUT /v1/assistants/{name}`: optional `tool`, `category`, `archetype`,
    /// `rollout_at`, and the licence (`monthly_cost` with its `currency`, optional `cost_from`). The failure message names the field (and lists allowed values).
    public static func validated(
        name: String, fields: [String: JSONValue], limits: RecordLimits = RecordLimits(),
        now: Timestamp = Timestamp(microseconds: .max / 2)
    ) -> Result<AssistantMetadata, RecordRejection> {
        let reader = FieldReader(fields: fields, limits: limits, now: now)
        do throws(FieldError) {
            guard !name.isEmpty else { throw FieldError("assistant name must not be empty") }
            do throws(InputText.Refusal) {
                _ = try InputText.check(name, field: "assistant name", maxLength: limits.maxIdentifierLength)
            } catch {
                throw FieldError(error.description)
            }
            try reader.checkOtherText(
                except: ["tool", "category", "archetype", "rollout_at", "monthly_cost", "currency", "cost_from"])
            return .success(
                AssistantMetadata(
                    name: name, tool: try reader.optionalText("tool"),
                    category: try reader.optionalEnum("category", AssistantCategory.self),
                    archetype: try reader.optionalEnum("archetype", Archetype.self),
                    rolloutAt: try reader.optionalTimestamp("rollout_at"), registered: true,
                    licence: try reader.licence()))
        } catch {
            return .failure(RecordRejection(index: 0, id: name, error: error.message))
        }
    }
}
