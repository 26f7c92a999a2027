import Testing

@testable import BatonCore

@Suite("Pseudonymizer")
struct PseudonymizerTests {
    static let salt = [UInt8](repeating: 7, count: 32)

    @Test("stable for a salt, different for another salt and for another kind, never the name")
    func stable() {
        let p = Pseudonymizer(salt: Self.salt)
        let a = p.pseudonym("Acme SOC", kind: .soc)
        #expect(a == Pseudonymizer(salt: Self.salt).pseudonym("Acme SOC", kind: .soc))
        #expect(a.hasPrefix("soc_") && a.count == "soc_".count + 12)
        #expect(a.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(a != Pseudonymizer(salt: [UInt8](repeating: 8, count: 32)).pseudonym("Acme SOC", kind: .soc))
        #expect(p.pseudonym("Acme SOC", kind: .assistant).hasPrefix("assistant_"))
        #expect(p.pseudonym("Acme SOC", kind: .assistant).dropFirst(10) != a.dropFirst(4))
        #expect(p.pseudonym("Acme SOC ", kind: .soc) != a)
        #expect(!a.contains("Acme"))
    }

    @Test("an HMAC-SHA-256 keyed with the salt, as Python's hmac module computes it")
    func knownAnswer() {
        // hmac.new(b"Jefe" * 4, b"soc\x1fwhat do ya want for nothing?", hashlib.sha256).hexdigest()[:12]
        let p = Pseudonymizer(salt: Array("JefeJefeJefeJefe".utf8))
        #expect(p.pseudonym("what do ya want for nothing?", kind: .soc) == "soc_ea7469999f72")
    }
}
