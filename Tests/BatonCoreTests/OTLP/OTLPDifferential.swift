import BatonCore
import Foundation

/// Compares a request Baton decoded with Python's decoding of the same bytes, field by field, as
/// `Tests/otel/differential.py` writes it (its view: ids and bytes in hex, 64-bit numbers as
/// decimal strings, doubles as the hex of their bits, maps as lists of `[key, value]` pairs).
///
/// Text is compared byte for byte (Swift's `==` on strings would equate canonically equivalent
/// ones), doubles by their bits (NaN equals NaN, −0 differs from 0), maps key by key with the
/// same byte-exact keys and no key missing or extra.
struct OTLPDifferential {
    /// Fields compared, leaves and counts alike.
    private(set) var fields = 0
    /// Each disagreement, with its path ("request 12 resource 0 span 3 attributes[\"k\"]: …").
    private(set) var mismatches: [String] = []

    mutating func compare(_ request: OTLPTraceRequest, view: [String: Any], path: String) {
        let resources = view["resourceSpans"] as? [[String: Any]] ?? []
        guard check(request.resourceSpans.count, resources.count, "\(path) resource_spans count") else { return }
        for (index, (decoded, expected)) in zip(request.resourceSpans, resources).enumerated() {
            let here = "\(path) resource \(index)"
            compare(decoded.resourceAttributes, expected["resource"], path: "\(here) attributes")
            let spans = expected["spans"] as? [[String: Any]] ?? []
            guard check(decoded.spans.count, spans.count, "\(here) spans count") else { continue }
            for (number, (span, view)) in zip(decoded.spans, spans).enumerated() {
                compare(span, view: view, path: "\(here) span \(number)")
            }
        }
    }

    private mutating func compare(_ span: OTLPSpan, view: [String: Any], path: String) {
        check(span.traceID, view["traceId"] as? String, "\(path) trace_id")
        check(span.spanID, view["spanId"] as? String, "\(path) span_id")
        check(span.parentSpanID, view["parentSpanId"] as? String, "\(path) parent_span_id")
        check(Array(span.name.utf8), (view["name"] as? String).map { Array($0.utf8) }, "\(path) name")
        check(Int64(span.flags), (view["flags"] as? NSNumber)?.int64Value, "\(path) flags")
        check(span.kind, (view["kind"] as? NSNumber)?.intValue, "\(path) kind")
        check(span.startTimeUnixNano, (view["start"] as? String).flatMap { UInt64($0) }, "\(path) start_time_unix_nano")
        check(span.endTimeUnixNano, (view["end"] as? String).flatMap { UInt64($0) }, "\(path) end_time_unix_nano")
        compare(span.attributes, view["attributes"], path: "\(path) attributes")
        let links = view["links"] as? [[String: Any]] ?? []
        guard check(span.links.count, links.count, "\(path) links count") else { return }
        for (index, (link, expected)) in zip(span.links, links).enumerated() {
            check(link.traceID, expected["traceId"] as? String, "\(path) link \(index) trace_id")
            check(link.spanID, expected["spanId"] as? String, "\(path) link \(index) span_id")
        }
    }

    /// A map against Python's list of pairs: the same keys, byte for byte, each with the same value.
    private mutating func compare(_ decoded: [String: OTLPAttributeValue], _ view: Any?, path: String) {
        let pairs = (view as? [[Any]]) ?? []
        guard check(decoded.count, pairs.count, "\(path) count") else { return }
        let byBytes = Dictionary(
            decoded.map { (Array($0.key.utf8), $0.value) }, uniquingKeysWith: { first, _ in first })
        for pair in pairs {
            guard pair.count == 2, let key = pair[0] as? String else {
                mismatches.append("\(path): malformed pair in Python's view")
                continue
            }
            guard let value = byBytes[Array(key.utf8)] else {
                mismatches.append("\(path): key \(key.debugDescription) missing from Baton's decoding")
                continue
            }
            compare(value, pair[1], path: "\(path)[\(key.debugDescription)]")
        }
    }

    private mutating func compare(_ value: OTLPAttributeValue, _ view: Any, path: String) {
        fields += 1
        guard let view = view as? [String: Any], view.count == 1,
            let (kind, expected) = view.first.map({ ($0.key, $0.value) })
        else {
            mismatches.append("\(path): malformed value in Python's view")
            return
        }
        switch (value, kind) {
        case (.string(let s), "string"):
            check(Array(s.utf8), (expected as? String).map { Array($0.utf8) }, path)
        case (.bool(let b), "bool"):
            check(b, expected as? Bool, path)
        case (.int(let i), "int"):
            check(i, (expected as? String).flatMap { Int64($0) }, path)
        case (.double(let d), "double"):
            check(d.bitPattern, (expected as? String).flatMap(Self.doubleBits), path)
        case (.bytes(let b), "bytes"):
            check(Self.hex(b), expected as? String, path)
        case (.empty, "empty"):
            break
        case (.array(let items), "array"):
            let views = expected as? [Any] ?? []
            guard check(items.count, views.count, "\(path) count") else { return }
            for (index, (item, view)) in zip(items, views).enumerated() {
                compare(item, view, path: "\(path)[\(index)]")
            }
        case (.keyValueList(let pairs), "kvlist"):
            compare(pairs, expected, path: path)
        default:
            mismatches.append("\(path): Baton decoded \(value), Python \(kind) \(expected)")
        }
    }

    @discardableResult
    private mutating func check<T: Equatable>(_ decoded: T, _ expected: T?, _ path: String) -> Bool {
        fields += 1
        guard let expected else {
            mismatches.append("\(path): missing or malformed in Python's view")
            return false
        }
        guard decoded == expected else {
            mismatches.append("\(path): Baton decoded \(decoded), Python \(expected)")
            return false
        }
        return true
    }

    /// The little-endian hex of a double's bits (Python's `struct.pack("<d", x).hex()`) as its bit pattern.
    private static func doubleBits(_ hex: String) -> UInt64? {
        guard hex.utf8.count == 16, let value = UInt64(hex, radix: 16) else { return nil }
        return value.byteSwapped
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
