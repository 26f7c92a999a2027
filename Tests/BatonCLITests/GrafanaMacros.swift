import Foundation

/// Expands Grafana's PostgreSQL macros and dashboard variables the way Grafana does before it
/// sends a panel's SQL to the database (grafana-postgresql-datasource, `macros.go`), so the
/// dashboards' SQL can be run in tests exactly as Grafana would run it.
struct GrafanaMacros {
    var from: Date
    var to: Date
    var variables: [String: String]

    func expand(_ sql: String) throws -> String {
        var out = try expandMacros(sql)
        // Longest names first, so `$tenant_id` is not cut short by `$tenant`.
        for (name, value) in variables.sorted(by: { $0.key.count > $1.key.count }) {
            out = out.replacingOccurrences(of: "${\(name)}", with: value)
            out = out.replacingOccurrences(of: "$\(name)", with: value)
        }
        return out
    }

    struct UnknownMacro: Error, CustomStringConvertible {
        var name: String
        var description: String { "unknown Grafana macro $__\(name)" }
    }

    private func expandMacros(_ sql: String) throws -> String {
        var out = ""
        var rest = Substring(sql)
        while let range = rest.range(of: "$__") {
            out += rest[..<range.lowerBound]
            var cursor = range.upperBound
            let nameEnd = rest[cursor...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? rest.endIndex
            let name = String(rest[cursor..<nameEnd])
            cursor = nameEnd
            var arguments: [String] = []
            if cursor < rest.endIndex, rest[cursor] == "(" {
                var depth = 0
                var current = ""
                var index = cursor
                repeat {
                    let c = rest[index]
                    if c == "(" {
                        depth += 1
                        if depth > 1 { current.append(c) }
                    } else if c == ")" {
                        depth -= 1
                        if depth > 0 { current.append(c) }
                    } else if c == ",", depth == 1 {
                        arguments.append(current.trimmingCharacters(in: .whitespaces))
                        current = ""
                    } else {
                        current.append(c)
                    }
                    index = rest.index(after: index)
                } while depth > 0 && index < rest.endIndex
                let last = current.trimmingCharacters(in: .whitespaces)
                if !last.isEmpty || !arguments.isEmpty { arguments.append(last) }
                cursor = index
            }
            out += try macro(name, arguments)
            rest = rest[cursor...]
        }
        out += rest
        return out
    }

    private func macro(_ name: String, _ arguments: [String]) throws -> String {
        let iso = ISO8601DateFormatter()
        let fromText = "'\(iso.string(from: from))'"
        let toText = "'\(iso.string(from: to))'"
        switch name {
        case "timeFilter": return "\(arguments[0]) BETWEEN \(fromText) AND \(toText)"
        case "timeFrom": return fromText
        case "timeTo": return toText
        case "unixEpochFilter":
            return
                "\(arguments[0]) >= \(Int(from.timeIntervalSince1970)) AND \(arguments[0]) <= \(Int(to.timeIntervalSince1970))"
        case "timeGroup", "timeGroupAlias":
            let seconds = try Self.interval(arguments[1])
            let group = "floor(extract(epoch from \(arguments[0]))/\(seconds))*\(seconds)"
            return name == "timeGroupAlias" ? group + " AS \"time\"" : group
        default: throw UnknownMacro(name: name)
        }
    }

    /// `'1d'`, `'1w'`, `'5m'`, `'1h'`, `'30s'` in seconds.
    static func interval(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        guard let unit = trimmed.last, let value = Int(trimmed.dropLast()) else { throw UnknownMacro(name: text) }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3_600
        case "d": return value * 86_400
        case "w": return value * 7 * 86_400
        default: throw UnknownMacro(name: text)
        }
    }
}
