/// An OTLP `AnyValue`: the value of a span or resource attribute.
public enum OTLPAttributeValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case bytes([UInt8])
    case array([OTLPAttributeValue])
    case keyValueList([String: OTLPAttributeValue])
    /// An `AnyValue` with none of its fields set, which OTLP allows ("empty"; not the empty string).
    case empty

    /// The value as text, for attributes Baton reads as names (a number is accepted as its digits).
    public var text: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }

    /// The value as an integer, for counts such as token usage (a string of digits is accepted).
    public var integer: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int64(d)
        case .string(let s): return Int64(s)
        default: return nil
        }
    }
}
