/// The currency codes Baton accepts: three upper-case ASCII letters, the form of ISO 4217 codes.
/// The list of codes in use changes (new currencies, retired ones), so the form is checked, not
/// membership; a tenant has one currency (``CostError/currencyMismatch(field:given:tenant:)``).
public enum CurrencyCode {
    /// Whether `text` has the form of an ISO 4217 code, such as `USD` or `EUR`.
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
