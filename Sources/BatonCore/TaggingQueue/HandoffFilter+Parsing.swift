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
            switch value {
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
            guard !value.isEmpty, value.unicodeScalars.count <= 200 else {
                throw ParameterError(
                    parameter: "assistant", message: "expected an assistant name of 1 to 200 characters")
            }
            assistant = value
        }
        for name in ["from_assistant", "to_assistant"] {
            guard let value = parameters[name] else { continue }
            guard !value.isEmpty, value.unicodeScalars.count <= 200 else {
                throw ParameterError(
                    parameter: name, message: "expected an assistant name of 1 to 200 characters, or human")
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
    /// The one duration syntax of the command line and the API (`min_wait`, `--expires-in`):
    /// a number of minutes, or one to four groups of a number and a unit (`s`, `m`, `h`, `d`),
    /// each number of 1–6 digits with an optional fraction of 1–6 digits, nothing else (the
    /// pattern `duration` of `Docs/openapi.yaml`).
    public static func duration(_ text: String) -> Int64? {
        var total = 0.0
        var groups = 0
        var rest = Substring(text)
        while !rest.isEmpty {
            let whole = rest.prefix { ("0"..."9").contains($0) }
            guard (1...6).contains(whole.count) else { return nil }
            rest = rest.dropFirst(whole.count)
            var number = String(whole)
            if rest.first == "." {
                let fraction = rest.dropFirst().prefix { ("0"..."9").contains($0) }
                guard (1...6).contains(fraction.count) else { return nil }
                number += "." + fraction
                rest = rest.dropFirst(1 + fraction.count)
            }
            guard let value = Double(number) else { return nil }
            guard let unit = rest.first else {
                // A bare number of minutes, alone.
                return groups == 0 ? Int64(value * 60_000_000) : nil
            }
            let seconds: Double
            switch unit {
            case "s": seconds = 1
            case "m": seconds = 60
            case "h": seconds = 3_600
            case "d": seconds = 86_400
            default: return nil
            }
            rest = rest.dropFirst()
            total += value * seconds
            groups += 1
            guard groups <= 4 else { return nil }
        }
        return groups == 0 ? nil : Int64(total * 1_000_000)
    }
}
