import Foundation

extension FieldReader {
    /// An optional amount: a finite number from 0 to `limit` − 1 (the documented maximum), as PostgreSQL will store it.
    ///
    /// PostgreSQL turns a `float8` into `numeric` with 15 significant digits, so 999999999.9999999
    /// is stored as 10⁹: the bound is checked on that value (schemathesis found the 500 its
    /// `CHECK` raised).
    func optionalAmount(_ name: String, limit: Double) throws(FieldError) -> Double? {
        switch fields[name] {
        case nil, .null: return nil
        // At most limit − 1, as Docs/openapi.yaml states: a value just above it (999999999.0000001)
        // rounds below the limit when stored, but the contract is the documented maximum.
        case .number(let value) where value.isFinite && value >= 0 && value <= limit - 1 && Self.stored(value) < limit:
            return value
        case .some:
            throw FieldError("field '\(name)' must be a number from 0 to \(Int64(limit) - 1)")
        }
    }

    /// `value` rounded to 15 significant digits, as PostgreSQL's `float8` to `numeric` cast does.
    static func stored(_ value: Double) -> Double {
        Double(String(format: "%.15g", value)) ?? value
    }

    func amount(_ name: String, limit: Double) throws(FieldError) -> Double {
        try required(name, optionalAmount(name, limit: limit))
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
        let cost = try optionalAmount("monthly_cost", limit: 1e12)
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
