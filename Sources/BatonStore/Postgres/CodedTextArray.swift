import BatonCore
import PostgresNIO

/// A one-dimensional text array decoded straight into small integer codes and a table of its
/// distinct strings (`strings[codes[i]]` is element `i`): 4 bytes an element, where `[String]`
/// takes 16 and a heap allocation for every string longer than 15 bytes. The value report's
/// columns of task types, assistants, categories, severities and handoff classes repeat a few
/// hundred strings a million times.
struct CodedTextArray: PostgresDecodable, Sendable {
    var strings: [String] = []
    var codes: [Int32] = []

    init() {}

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        // The binary array layout: dimensions, a null flag, the element type; then per dimension
        // its length and lower bound; then each element as a length and its bytes.
        guard case .binary = format,
            let (dimensions, _, element) = buffer.readMultipleIntegers(
                endianness: .big, as: (Int32, Int32, UInt32).self),
            0 <= dimensions, dimensions <= 1
        else { throw PostgresDecodingError.Code.failure }
        guard [.text, .varchar, .name, .bpchar].contains(PostgresDataType(element)) else {
            throw PostgresDecodingError.Code.typeMismatch
        }
        guard dimensions == 1 else { return }
        guard let (count, _) = buffer.readMultipleIntegers(endianness: .big, as: (Int32, Int32).self), count >= 0
        else { throw PostgresDecodingError.Code.failure }
        var table: [String: Int32] = [:]
        codes.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = buffer.readInteger(endianness: .big, as: Int32.self), length >= 0,
                let string = buffer.readString(length: Int(length))
            else { throw PostgresDecodingError.Code.failure }
            if let code = table[string] {
                codes.append(code)
            } else {
                let code = Int32(strings.count)
                strings.append(string)
                table[string] = code
                codes.append(code)
            }
        }
    }

    var count: Int { codes.count }

    /// The codes of this array's strings in `names` (coding those it does not have yet), by
    /// this array's own code.
    func recoded(into names: inout ReportNames) -> [Int32] {
        strings.map { names.code($0) }
    }
}
