import BatonCore
import Testing

@Suite struct TenantIDTests {
    @Test(arguments: [
        "a", "0", "acme", "acme-soc", "acme_soc", "soc-2026", "9lives", "a-", "a_", "a--b",
        String(repeating: "a", count: 63), "z" + String(repeating: "9", count: 62),
    ])
    func validTenantIDs(text: String) {
        #expect(TenantID.isValid(text))
    }

    @Test(arguments: [
        "",  // empty
        String(repeating: "a", count: 64),  // too long
        "-acme", "_acme",  // must start with a letter or digit
        "Acme", "ACME", "acMe",  // uppercase
        "acme soc", " acme", "acme ",  // spaces
        "acme.soc", "acme/soc", "acme:soc", "acme;drop", "a'b", "a\"b",
        "café",  // non-ASCII letter
        "acme\n", "a\u{0}",
    ])
    func invalidTenantIDs(text: String) {
        #expect(!TenantID.isValid(text))
    }

    @Test func ruleDescribesTheLimits() {
        #expect(TenantID.rule.contains("63"))
    }
}
