import Foundation

/// The JSON conventions of Baton's API: snake_case keys, sorted for stable output.
enum JSONCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A duration in the API's unit: seconds, with microsecond precision.
    static func seconds(_ microseconds: Int64) -> Double {
        Double(microseconds) / 1_000_000
    }
}
