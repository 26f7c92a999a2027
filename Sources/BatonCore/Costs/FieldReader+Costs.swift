import Foundation

extension FieldReader {
    /// An optional amount within ``AmountRange`` up to `maximum`.
    func optionalAmount(_ name: String, maximum: Double) throws(FieldError) -> Double? {
        switch fields[name] {
        case nil, .null: return nil
        case .number(let value) where AmountRange.contains(value, maximum: maximum): return value
        case .some:
            throw FieldError("field '\(name)' must be \(AmountRange.requirement(maximum: maximum))")
        }
    }

    func amount(_ name: String, maximum: Double) throws(FieldError) -> Double {
        try required(name, optionalAmount(name, maximum: maximum))
    }

    /// An optional ISO 4217 code (``CurrencyCode``).
    func optionalCurrency(_ name: String) throws(FieldError) -> String? {
        guard let raw = try optionalString(name, maxLength: 16) else { return nil }
        guard CurrencyCode.isValid(raw) else {
            throw FieldError(
                "field '\(name)': '\(raw)' is not an ISO 4217 currency code (three capital letters, such as USD)")
        }
        return raw
    }

    /// An optional calendar date `YYYY-MM-DD`, as midnight UTC.
    func optionalDate(_ name: String) throws(FieldError) -> Timestamp? {
        guard let raw = try optionalString(name, maxLength: 16) else { return nil }
        guard let day = Timestamp(utcDate: raw) else {
            throw FieldError("field '\(name)': '\(raw)' is not a date YYYY-MM-DD")
        }
        return day
    }

    /// The licence of `PUT /v1/assistants/{name}`: `monthly_cost` needs `currency`; `cost_from`
    /// and `currency` need `monthly_cost`. `nil` when none is given.
    func licence() throws(FieldError) -> AssistantLicence? {
        let cost = try optionalAmount("monthly_cost", maximum: AmountRange.monthlyCost)
        let currency = try optionalCurrency("currency")
        let from = try optionalDate("cost_from")
        guard let cost else {
            if currency != nil { throw FieldError("field 'currency' needs 'monthly_cost'") }
            if from != nil { throw FieldError("field 'cost_from' needs 'monthly_cost'") }
            return nil
        }
        guard let currency else { throw FieldError("field 'currency' is required with 'monthly_cost' (such as USD)") }
        return AssistantLicence(monthlyCost: cost, currency: currency, startsAt: from)
    }
}
