extension TenantSettings {
    static let fieldNames: Set<String> = ["display_name", "delivery_model", "hourly_rate"]

    /// Validates the body of `PUT /v1/settings`: optional `display_name`, `delivery_model` and
    /// `hourly_rate` (``AmountRange/hourlyRate``); a
    /// field that is absent or null is cleared. An unknown field is refused rather than ignored,
    /// so a misspelt setting does not look applied. The message names the field.
    public static func validated(fields: [String: JSONValue], limits: RecordLimits = RecordLimits())
        -> Result<TenantSettings, RecordRejection>
    {
        let reader = FieldReader(fields: fields, limits: limits, now: Timestamp(microseconds: .max / 2))
        do throws(FieldError) {
            try reader.checkOtherText(except: fieldNames)
            if let unknown = fields.keys.sorted().first(where: { !fieldNames.contains($0) }) {
                throw FieldError(
                    "unknown field '\(unknown.prefix(64))' (settings are display_name, delivery_model, hourly_rate)")
            }
            return .success(
                TenantSettings(
                    displayName: try reader.optionalText("display_name"),
                    deliveryModel: try reader.optionalEnum("delivery_model", DeliveryModel.self),
                    hourlyRate: try reader.optionalAmount("hourly_rate", maximum: AmountRange.hourlyRate)))
        } catch {
            return .failure(RecordRejection(index: 0, id: nil, error: error.message))
        }
    }
}
