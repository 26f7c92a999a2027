/// Reads the protocol buffers wire format (varints, fixed-width and length-delimited fields).
///
/// Baton decodes the small OTLP trace subset it needs by hand instead of generating
/// swift-protobuf code: the subset is a dozen messages, the decoder is pure and bounded (every
/// length is checked against the remaining input, nesting is limited), and the dependency graph
/// stays as it is (`Docs/otel.md`).
struct ProtobufReader {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    /// The number of the field ``nextField()`` read last (a group's end tag must repeat it).
    private var fieldNumber = 0
    /// Nesting depth of this reader; messages deeper than ``maxDepth`` are refused.
    let depth: Int
    static let maxDepth = 32

    init(_ bytes: ArraySlice<UInt8>, depth: Int = 0) throws(OTLPDecodingError) {
        guard depth <= Self.maxDepth else { throw OTLPDecodingError("messages are nested too deeply") }
        self.bytes = bytes
        self.position = bytes.startIndex
        self.depth = depth
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    /// The next field's number and wire type, or `nil` at the end of the message.
    mutating func nextField() throws(OTLPDecodingError) -> (number: Int, wireType: Int)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        let number = Int(truncatingIfNeeded: key >> 3)
        guard number > 0, number < 1 << 29 else { throw OTLPDecodingError("invalid field number \(number)") }
        fieldNumber = number
        return (number, Int(key & 7))
    }

    mutating func varint() throws(OTLPDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw OTLPDecodingError("truncated varint") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw OTLPDecodingError("varint longer than 10 bytes") }
        }
    }

    mutating func fixed64() throws(OTLPDecodingError) -> UInt64 {
        try fixed(8)
    }

    mutating func fixed32() throws(OTLPDecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try fixed(4))
    }

    private mutating func fixed(_ count: Int) throws(OTLPDecodingError) -> UInt64 {
        guard bytes.endIndex - position >= count else { throw OTLPDecodingError("truncated fixed-width field") }
        var result: UInt64 = 0
        for i in 0..<count { result |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += count
        return result
    }

    mutating func lengthDelimited() throws(OTLPDecodingError) -> ArraySlice<UInt8> {
        let length = try varint()
        guard length <= UInt64(bytes.endIndex - position) else {
            throw OTLPDecodingError("length-delimited field runs past the end of its message")
        }
        let slice = bytes[position..<position + Int(length)]
        position += Int(length)
        return slice
    }

    mutating func string() throws(OTLPDecodingError) -> String {
        let slice = try lengthDelimited()
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw OTLPDecodingError("string field is not valid UTF-8")
        }
        return text
    }

    /// A reader over an embedded message.
    mutating func message() throws(OTLPDecodingError) -> ProtobufReader {
        try ProtobufReader(try lengthDelimited(), depth: depth + 1)
    }

    /// Skips the field ``nextField()`` just read, which this decoder does not use (unknown fields
    /// are ignored, as protobuf requires, groups included).
    mutating func skip(wireType: Int) throws(OTLPDecodingError) {
        try skip(wireType: wireType, number: fieldNumber, depth: depth)
    }

    private mutating func skip(wireType: Int, number: Int, depth: Int) throws(OTLPDecodingError) {
        switch wireType {
        case 0: _ = try varint()
        case 1: _ = try fixed(8)
        case 2: _ = try lengthDelimited()
        case 3: try skipGroup(number, depth: depth + 1)
        case 5: _ = try fixed(4)
        // An end-group tag outside its group, and wire types 6 and 7, which do not exist.
        default: throw OTLPDecodingError("unsupported wire type \(wireType)")
        }
    }

    /// Skips a group (wire type 3, proto2's deprecated nested message, which a newer or foreign
    /// schema may still put in an unknown field): its fields up to the end tag (wire type 4) with
    /// the same field number. Groups nest within the same depth limit as messages.
    private mutating func skipGroup(_ number: Int, depth: Int) throws(OTLPDecodingError) {
        guard depth <= Self.maxDepth else { throw OTLPDecodingError("messages are nested too deeply") }
        while true {
            guard !isAtEnd else { throw OTLPDecodingError("group \(number) has no end tag") }
            let key = try varint()
            let field = Int(truncatingIfNeeded: key >> 3)
            guard field > 0, field < 1 << 29 else { throw OTLPDecodingError("invalid field number \(field)") }
            if key & 7 == 4 {
                guard field == number else {
                    throw OTLPDecodingError("group \(number) is closed by the end tag of field \(field)")
                }
                return
            }
            try skip(wireType: Int(key & 7), number: field, depth: depth)
        }
    }

    /// Checks that a field has the wire type its schema gives it.
    static func expect(_ wireType: Int, _ expected: Int, field: String) throws(OTLPDecodingError) {
        guard wireType == expected else {
            throw OTLPDecodingError("field '\(field)' has wire type \(wireType), expected \(expected)")
        }
    }
}
