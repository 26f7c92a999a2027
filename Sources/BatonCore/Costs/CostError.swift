/// Why a cost or a price was refused. The HTTP service answers 422 naming the field.
public enum CostError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A tenant keeps every cost in one currency: `given` differs from the `tenant`'s existing one,
    /// so no figure would ever add amounts of two currencies.
    case currencyMismatch(field: String, given: String, tenant: String)

    /// The field the refusal names.
    public var field: String {
        switch self {
        case .currencyMismatch(let field, _, _): return field
        }
    }

    public var description: String {
        switch self {
        case .currencyMismatch(let field, let given, let tenant):
            return
                "field '\(field)': '\(given)' differs from the currency this tenant's costs and prices are recorded in (\(tenant)); one currency per tenant"
        }
    }
}
