/// Why one record of a batch was not stored. The rest of the batch is unaffected.
public struct RecordRejection: Sendable, Hashable, Error {
    /// Position of the record in the batch (0-based; for NDJSON, the record's line among non-empty lines).
    public var index: Int
    /// The record's own id, when it had a readable one.
    public var id: String?
    /// A message that names the field and, for enumerations, the allowed values.
    public var error: String

    public init(index: Int, id: String?, error: String) {
        self.index = index
        self.id = id
        self.error = error
    }
}
