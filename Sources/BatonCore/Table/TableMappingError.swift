/// A mapping that cannot be used, or a file that does not fit it as a whole (a header without a
/// column the mapping names): nothing is imported.
public struct TableMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
