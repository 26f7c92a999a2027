import Crypto
import Foundation

/// Stable pseudonyms for names leaving the SOC in an anonymised export.
///
/// A pseudonym is an HMAC-SHA-256 of the name under the tenant's secret salt (kept in the
/// database, never exported), so the same name always gets the same pseudonym in that tenant's
/// exports, across periods, while nobody without the salt can test a guess ("is `soc-7f…` Acme?")
/// the way they could against a plain hash. Each kind of name has its own domain, so an assistant
/// and a tenant with the same name do not share a pseudonym.
public struct Pseudonymizer: Sendable {
    public enum Kind: String, Sendable {
        case soc
        case assistant
        case workflow
        case task
        case actor
    }

    private let key: SymmetricKey

    /// - Parameter salt: the tenant's secret; at least 16 bytes.
    public init(salt: [UInt8]) {
        precondition(salt.count >= 16, "a pseudonym salt needs at least 16 bytes")
        key = SymmetricKey(data: salt)
    }

    /// `soc_` or `assistant_` and the first 12 hexadecimal digits (48 bits) of the HMAC: short
    /// enough to read in a spreadsheet, long enough that a tenant's few names do not collide. The
    /// underscore keeps a pseudonym from containing a hyphenated name such as `soc-a`.
    public func pseudonym(_ name: String, kind: Kind) -> String {
        let message = Array((kind.rawValue + "\u{1F}" + name).utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        let hex = mac.prefix(6).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }
        return kind.rawValue + "_" + hex.joined()
    }
}
