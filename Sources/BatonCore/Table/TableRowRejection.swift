/// Why one row of an imported table was not stored: its line in the file, the record field at
/// fault (when one is) and a reason naming the column. The other rows are unaffected.
public struct TableRowRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the file where the row starts (the CSV header is line 1).
    public var line: Int
    /// The record field, such as `started_at`, or nil for a row that could not be read at all.
    public var field: String?
    public var reason: String

    public init(line: Int, field: String?, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "line \(line)\(field.map { ", field '\($0)'" } ?? ""): \(reason)"
    }
}
