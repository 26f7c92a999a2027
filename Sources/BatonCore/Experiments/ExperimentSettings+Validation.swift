extension ExperimentSettings {
    /// Validates the body of `PUT /v1/experiments/{name}`: `assistant`, `holdout_share` (0.05–0.5),
    /// optional `task_types`, `starts_at`, `ends_at` and `planned_sample`. The failure message
    /// names the field.
    public static func validated(
        name: String, fields: [String: JSONValue], limits: RecordLimits = RecordLimits()
    ) -> Result<ExperimentSettings, RecordRejection> {
        // Times may lie anywhere: an experiment may be planned to end next quarter.
        let reader = FieldReader(fields: fields, limits: limits, now: Timestamp(microseconds: .max / 2))
        do throws(FieldError) {
            try checkName(name, limits: limits)
            // task_types is not excepted: the check refuses hostile text in its items too.
            try reader.checkOtherText(except: ["assistant", "holdout_share", "starts_at", "ends_at", "planned_sample"])
            let share: Double
            switch fields["holdout_share"] {
            case .number(let value): share = value
            case nil, .null: throw FieldError("missing required field 'holdout_share' (a number from 0.05 to 0.5)")
            case .some(let other):
                throw FieldError("field 'holdout_share' must be a number from 0.05 to 0.5, not \(other.typeName)")
            }
            var taskTypes: [String]?
            switch fields["task_types"] {
            case nil, .null: taskTypes = nil
            case .array(let items):
                taskTypes = try items.enumerated().map { index, item throws(FieldError) in
                    let field = "field 'task_types': item \(index)"
                    guard case .string(let text) = item, !text.isEmpty else {
                        throw FieldError("\(field) must be a non-empty string")
                    }
                    do throws(InputText.Refusal) {
                        return try InputText.check(text, field: field, maxLength: limits.maxIdentifierLength)
                    } catch {
                        throw FieldError(error.description)
                    }
                }
            case .some(let other):
                throw FieldError("field 'task_types' must be an array of task types, not \(other.typeName)")
            }
            var planned: Int?
            switch fields["planned_sample"] {
            case nil, .null: planned = nil
            case .number(let value) where value.rounded() == value && value >= 1 && value <= 1e12:
                planned = Int(value)
            case .some:
                throw FieldError("field 'planned_sample' must be a positive whole number of cases")
            }
            let settings = ExperimentSettings(
                assistant: try reader.identifier("assistant"), holdoutShare: share, taskTypes: taskTypes,
                startsAt: try reader.optionalTimestamp("starts_at"), endsAt: try reader.optionalTimestamp("ends_at"),
                plannedSample: planned)
            if let problem = settings.problem { throw FieldError(problem) }
            return .success(settings)
        } catch {
            return .failure(RecordRejection(index: 0, id: name, error: error.message))
        }
    }

    /// An experiment's name: non-empty text within the identifier limit.
    static func checkName(_ name: String, limits: RecordLimits) throws(FieldError) {
        guard !name.isEmpty else { throw FieldError("experiment name must not be empty") }
        do throws(InputText.Refusal) {
            _ = try InputText.check(name, field: "experiment name", maxLength: limits.maxIdentifierLength)
        } catch {
            throw FieldError(error.description)
        }
    }
}
