/// Comparison of secrets (CSRF tokens) whose duration does not depend on where two values first
/// differ, so response times do not reveal a secret byte by byte.
package enum ConstantTime {
    /// Whether `a` and `b` are equal. Only the length may be learnt from timing; Baton's secrets
    /// have a fixed length.
    package static func equal(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
