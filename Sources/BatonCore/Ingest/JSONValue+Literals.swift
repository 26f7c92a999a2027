extension JSONValue: ExpressibleByStringLiteral {
    /// A string literal is a JSON string: `"type": "task"` in a record built in code.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}
