/// The distinct strings of one report input (task types, severities, categories, assistants and
/// handoff classes), each stored once; the input's columns refer to them by code.
package struct ReportNames: Sendable {
    /// The strings in the order they were first coded: `strings[code]`.
    package private(set) var strings: [String] = []
    private var codes: [String: Int32] = [:]

    package init() {}

    /// The code of `string`, coding it if it is new.
    @discardableResult
    package mutating func code(_ string: String) -> Int32 {
        if let code = codes[string] { return code }
        let code = Int32(strings.count)
        strings.append(string)
        codes[string] = code
        return code
    }

    /// The code of `string`, or `nil` when no column refers to it.
    package func existingCode(_ string: String) -> Int32? {
        codes[string]
    }

    package subscript(code: Int32) -> String {
        strings[Int(code)]
    }

    package var count: Int { strings.count }
}
