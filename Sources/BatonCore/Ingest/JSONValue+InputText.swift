extension JSONValue {
    /// Longest key of a JSON object in a request body, in characters.
    public static let maxKeyLength = 128

    /// Checks a request body's object with ``InputText``: every key at any depth is one line of
    /// at most ``maxKeyLength`` characters, and every string in a field not in `known` passes the
    /// rule as free text of any length (such a field is ignored: senders may add fields before
    /// Baton knows them, but not as a way around the check). The fields in `known` are checked
    /// by whoever reads them, with their own limits.
    public static func checkText(of fields: [String: JSONValue], except known: Set<String>) throws(InputText.Refusal) {
        for (key, value) in fields {
            _ = try InputText.check(key, field: "a field name", maxLength: maxKeyLength)
            try value.checkText(path: String(key.prefix(64)), strings: !known.contains(key))
        }
    }

    private func checkText(path: String, strings: Bool) throws(InputText.Refusal) {
        switch self {
        case .string(let text) where strings:
            _ = try InputText.check(text, field: "field '\(path)'", maxLength: Int.max, shape: .text)
        case .array(let items):
            for item in items { try item.checkText(path: path, strings: strings) }
        case .object(let object):
            for (key, item) in object {
                _ = try InputText.check(key, field: "a key in field '\(path)'", maxLength: Self.maxKeyLength)
                try item.checkText(path: "\(path).\(key.prefix(64))", strings: strings)
            }
        default: return
        }
    }
}
