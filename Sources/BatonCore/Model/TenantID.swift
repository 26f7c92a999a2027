/// Tenant identifiers: short lowercase slugs, checked before they reach the database.
public enum TenantID {
    /// Whether `text` is a valid tenant id: 1 to 63 of `a-z 0-9 _ -`, starting with a letter or digit.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func isAlnum(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) }
        return isAlnum(bytes[0]) && bytes.allSatisfy { isAlnum($0) || $0 == 0x5F || $0 == 0x2D }
    }

    public static let rule =
        "1 to 63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit"
}
