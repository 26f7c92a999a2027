public import BatonCore

/// An `application/x-www-form-urlencoded` body as name → value; the last value wins for a
/// repeated name. `+` is a space. Every name and value goes through ``InputText`` as the bytes
/// its escapes stand for: a bad escape, invalid UTF-8, NUL or another refused character refuses
/// the form, naming the field. Values are free text (a note may span lines; CR LF becomes LF);
/// each page then checks the fields it reads with their own limits.
public struct FormData: Sendable, Hashable {
    public private(set) var values: [String: String] = [:]

    /// Longest field name and longest value, in characters.
    public static let maxNameLength = 64
    public static let maxValueLength = 65_536

    public init(_ encoded: String) throws(InputText.Refusal) {
        try self.init(bytes: Array(encoded.utf8))
    }

    public init(bytes encoded: some Collection<UInt8>) throws(InputText.Refusal) {
        for pair in encoded.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try InputText.check(
                percentEncoded: parts[0], field: "a form field name", maxLength: Self.maxNameLength, plusAsSpace: true)
            let value =
                parts.count > 1
                ? try InputText.check(
                    percentEncoded: parts[1], field: "form field '\(name)'", maxLength: Self.maxValueLength,
                    shape: .text, plusAsSpace: true) : ""
            values[name] = value
        }
    }

    public subscript(_ name: String) -> String? { values[name] }
}
