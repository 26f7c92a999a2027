import Foundation

extension HandoffFilter {
    /// A filter parameter that could not be read, named so the caller can fix it.
    public struct ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
        public var parameter: String
        public var message: String
        public var description: String { "\(parameter): \(message)" }
    }

    /// Reads the filter from query parameters or command-line options (the same names in both):
    /// `untagged`, `min_wait`, `tool_pair`, `stage`, `assistant`, `from_assistant`, `to_assistant`,
    /// `class_by`, `from`, `to`, `limit`, `cursor`. In `from_assistant` and `to_assistant` the
    /// name `human` means the side with no AI (an assistant named `human` cannot be told apart).
    public init(parameters: [String: String]) throws(ParameterError) {
        self.init()
        if let value = parameters["untagged"] {
            switch value.lowercased() {
            case "", "true", "1", "yes": untagged = true
            case "false", "0", "no": untagged = false
            default:
                throw ParameterError(
                    parameter: "untagged", message: "expected true or false, got '\(value.prefix(40))'")
            }
        }
        if let value = parameters["min_wait"] {
            guard let us = Self.duration(value) else {
                throw ParameterError(
                    parameter: "min_wait",
                    message:
                        "expected a duration such as 90s, 30m, 2h or 1h30m (a bare number is minutes), got '\(value.prefix(40))'"
                )
            }
            minimumWaitMicroseconds = us
        }
        if let value = parameters["tool_pair"] {
            guard let pair = ToolPair(parsing: value) else {
                throw ParameterError(
                    parameter: "tool_pair", message: "expected FROM→TO (or FROM->TO), got '\(value.prefix(80))'")
            }
            toolPair = pair
        }
        if let value = parameters["stage"] {
            guard let s = Stage(rawValue: value) else {
                throw ParameterError(
                    parameter: "stage",
                    message:
                        "expected one of \(Stage.allCases.map(\.rawValue).joined(separator: ", ")), got '\(value.prefix(40))'"
                )
            }
            stage = s
        }
        if let value = parameters["assistant"] {
            guard !value.isEmpty, value.utf8.count <= 200 else {
                throw ParameterError(parameter: "assistant", message: "expected an assistant name of 1 to 200 bytes")
            }
            assistant = value
        }
        for name in ["from_assistant", "to_assistant"] {
            guard let value = parameters[name] else { continue }
            guard !value.isEmpty, value.utf8.count <= 200 else {
                throw ParameterError(
                    parameter: name, message: "expected an assistant name of 1 to 200 bytes, or human")
            }
            let side = CoordinationSide(assistant: value == "human" ? nil : value)
            if name == "from_assistant" { fromAssistant = side } else { toAssistant = side }
        }
        if let value = parameters["class_by"] {
            guard let c = HandoffClassing(rawValue: value) else {
                throw ParameterError(
                    parameter: "class_by",
                    message: "expected one of \(HandoffClassing.allowedValues), got '\(value.prefix(40))'")
            }
            classBy = c
        }
        for name in ["from", "to"] {
            guard let value = parameters[name] else { continue }
            guard let t = try? ReportPeriod.parse(value, field: name) else {
                throw ParameterError(
                    parameter: name, message: "expected YYYY-MM-DD or an RFC 3339 time, got '\(value.prefix(40))'")
            }
            if name == "from" { from = t } else { to = t }
        }
        if let from, let to, from >= to {
            throw ParameterError(parameter: "to", message: "must be after from")
        }
        if let value = parameters["limit"] {
            guard let n = Int(value), (1...Self.maximumLimit).contains(n) else {
                throw ParameterError(
                    parameter: "limit",
                    message: "expected a whole number from 1 to \(Self.maximumLimit), got '\(value.prefix(40))'")
            }
            limit = n
        }
        if let value = parameters["cursor"] {
            guard let c = HandoffCursor(token: value) else {
                throw ParameterError(parameter: "cursor", message: "not a cursor this server returned")
            }
            cursor = c
        }
    }

    /// `90s`, `30m`, `2h`, `1h30m`, `1d`; a bare number is minutes. Microseconds, or `nil`.
    /// The one duration syntax of the command line and the API (`min_wait`, `--expires-in`).
    public static func duration(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let minutes = Double(trimmed), minutes >= 0, minutes < 1e7 { return Int64(minutes * 60_000_000) }
        var total = 0.0
        var number = ""
        var sawUnit = false
        for c in trimmed {
            if c.isNumber || c == "." {
                number.append(c)
                continue
            }
            let unit: Double
            switch c {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3_600
            case "d": unit = 86_400
            default: return nil
            }
            guard let value = Double(number) else { return nil }
            total += value * unit
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty, total < 1e10 else { return nil }
        return Int64(total * 1_000_000)
    }
}
