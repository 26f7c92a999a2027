/// One row of an imported table: a CSV record under its header, or a JSON object (one line of
/// JSON lines), with the line where it starts.
public struct TableRow: Sendable {
    public var line: Int
    private let storage: Storage

    private enum Storage: Sendable {
        case csv(header: [String: Int], fields: [String])
        case json([String: JSONValue])
    }

    public init(line: Int, header: [String: Int], fields: [String]) {
        self.line = line
        self.storage = .csv(header: header, fields: fields)
    }

    public init(line: Int, object: [String: JSONValue]) {
        self.line = line
        self.storage = .json(object)
    }

    /// The value of a column: a CSV cell (an empty cell is nil), or a JSON key, where `a.b`
    /// reads key `b` of object `a` unless the row has a key `a.b` itself (null is nil).
    public func value(_ column: String) -> JSONValue? {
        switch storage {
        case .csv(let header, let fields):
            guard let index = header[column], index < fields.count, !fields[index].isEmpty else { return nil }
            return .string(fields[index])
        case .json(let object):
            return Self.lookup(column, in: object)
        }
    }

    /// A key of a JSON object, `a.b` reading nested objects.
    static func lookup(_ path: String, in object: [String: JSONValue]) -> JSONValue? {
        if let direct = object[path] { return direct == .null ? nil : direct }
        var current = JSONValue.object(object)
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let fields) = current, let next = fields[String(part)] else { return nil }
            current = next
        }
        return current == .null ? nil : current
    }

    /// A value as text: strings as they are, numbers without a needless fraction, booleans as
    /// `true`/`false`; nil for arrays and objects.
    public static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return TimestampParser.plain(n)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }
}
