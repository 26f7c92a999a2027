import Foundation

/// How a mapped column writes its instants (`Docs/import.md`): RFC 3339, epoch milliseconds or
/// seconds, or a declared pattern, local to a named time zone when the text carries no offset.
public enum TimestampFormat: Sendable, Hashable, Codable {
    case rfc3339
    case epochMilliseconds
    case epochSeconds
    /// A pattern such as `yyyy-MM-dd HH:mm:ss` (`Docs/import.md` lists the letters), with an
    /// IANA zone (`Europe/Brussels`) for text without an offset.
    case pattern(String, zone: String?)

    private struct Declared: Codable {
        var pattern: String
        var zone: String?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let name = try? container.decode(String.self) {
            switch name {
            case "rfc3339": self = .rfc3339
            case "epoch_ms": self = .epochMilliseconds
            case "epoch_s": self = .epochSeconds
            default:
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription:
                        "timestamps '\(name)': use rfc3339, epoch_ms, epoch_s or {\"pattern\": …, \"zone\": …}")
            }
            return
        }
        let declared = try container.decode(Declared.self)
        self = .pattern(declared.pattern, zone: declared.zone)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .rfc3339: try container.encode("rfc3339")
        case .epochMilliseconds: try container.encode("epoch_ms")
        case .epochSeconds: try container.encode("epoch_s")
        case .pattern(let pattern, let zone): try container.encode(Declared(pattern: pattern, zone: zone))
        }
    }

    /// What the format expects, for error messages.
    public var expectation: String {
        switch self {
        case .rfc3339: return "an RFC 3339 timestamp with an offset (such as 2026-03-02T10:04:00Z)"
        case .epochMilliseconds: return "epoch milliseconds (such as 1772445840000)"
        case .epochSeconds: return "epoch seconds (such as 1772445840)"
        case .pattern(let pattern, let zone): return "'\(pattern)'\(zone.map { " in \($0)" } ?? "")"
        }
    }
}
