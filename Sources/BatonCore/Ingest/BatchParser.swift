public import Foundation

/// Splits a request body into JSON records, each to be validated on its own.
///
/// Only a body that holds no JSON at all (or JSON of the wrong shape) fails as a whole; in NDJSON
/// a line that is not JSON becomes a rejection for that line alone.
public enum BatchParser {
    /// A body that cannot be read as a batch at all.
    public struct MalformedBody: Error, Sendable, Hashable {
        public var message: String
    }

    /// One element of the batch: a JSON value, or a rejection when an NDJSON line is not JSON.
    public typealias Item = Result<JSONValue, RecordRejection>

    public static func parse(_ body: Data, format: BatchFormat) throws(MalformedBody) -> [Item] {
        switch format {
        case .json: return try parseJSON(body)
        case .ndjson: return try parseNDJSON(body)
        }
    }

    static func parseJSON(_ body: Data) throws(MalformedBody) -> [Item] {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw MalformedBody(message: "body is empty")
        }
        let value: JSONValue
        do {
            value = try JSONReader.value(of: body)
        } catch {
            throw MalformedBody(message: "body is not valid JSON: \(error.description)")
        }
        switch value {
        case .array(let items):
            return items.map { .success($0) }
        case .object(let fields):
            if let records = fields["records"] {
                guard case .array(let items) = records else {
                    throw MalformedBody(message: "field 'records' must be an array of records")
                }
                // The records are checked one by one; the wrapper's other keys and text here.
                var others = fields
                others["records"] = nil
                do throws(InputText.Refusal) {
                    try JSONValue.checkText(of: others, except: [])
                } catch {
                    throw MalformedBody(message: error.description)
                }
                return items.map { .success($0) }
            }
            if fields["type"] != nil { return [.success(value)] }
            throw MalformedBody(
                message: "body must be a JSON array of records, an object with a 'records' array, or NDJSON"
            )
        default:
            throw MalformedBody(
                message: "body must be a JSON array of records, an object with a 'records' array, or NDJSON"
            )
        }
    }

    static func parseNDJSON(_ body: Data) throws(MalformedBody) -> [Item] {
        var items: [Item] = []
        var parsedAny = false
        body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lineNumber = 0
            var lineStart = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                lineNumber += 1
                var first = lineStart
                var last = lineEnd
                while last > first, [UInt8(ascii: "\r"), UInt8(ascii: " "), 9].contains(bytes[last - 1]) { last -= 1 }
                while first < last, bytes[first] == UInt8(ascii: " ") || bytes[first] == 9 { first += 1 }
                if first < last {
                    let index = items.count
                    do throws(JSONReader.Failure) {
                        items.append(
                            .success(try JSONReader.value(of: UnsafeRawBufferPointer(rebasing: bytes[first..<last]))))
                        parsedAny = true
                    } catch {
                        items.append(
                            .failure(
                                RecordRejection(
                                    index: index, id: nil,
                                    error: "line \(lineNumber) is not valid JSON: \(error.description)")))
                    }
                }
                lineStart = lineEnd + 1
            }
        }
        if items.isEmpty { throw MalformedBody(message: "body is empty") }
        if !parsedAny {
            let first = items.first.flatMap { item -> String? in
                if case .failure(let rejection) = item { return rejection.error }
                return nil
            }
            throw MalformedBody(
                message: "body is not valid NDJSON: no line is a JSON value" + (first.map { " (\($0))" } ?? ""))
        }
        return items
    }
}
