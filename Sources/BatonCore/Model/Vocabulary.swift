/// A closed set of string values from the value model, such as severities or stages.
///
/// Validation messages list `allowedValues` so a sender can fix a rejected record without
/// reading the documentation.
public protocol Vocabulary: CaseIterable, RawRepresentable, Sendable, Hashable, Codable
where RawValue == String {}

extension Vocabulary {
    /// The allowed values, comma separated, in declaration order.
    public static var allowedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
