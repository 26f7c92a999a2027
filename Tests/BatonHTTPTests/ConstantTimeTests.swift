import Testing

@testable import BatonHTTP

@Suite("ConstantTime")
struct ConstantTimeTests {
    @Test("equal only for identical strings, whatever the position of the difference or the length")
    func equality() {
        let secret = "Hk3_q9ZxA-1"
        #expect(ConstantTime.equal(secret, secret))
        #expect(ConstantTime.equal("", ""))
        #expect(!ConstantTime.equal(secret, "Xk3_q9ZxA-1"))
        #expect(!ConstantTime.equal(secret, "Hk3_q9ZxA-2"))
        #expect(!ConstantTime.equal(secret, String(secret.dropLast())))
        #expect(!ConstantTime.equal(secret, secret + "0"))
        #expect(!ConstantTime.equal(secret, ""))
        #expect(!ConstantTime.equal("é", "e\u{301}"))  // compared as bytes, not as characters
    }
}
