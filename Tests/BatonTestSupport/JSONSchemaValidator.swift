package import BatonCore
import Foundation

/// A small JSON Schema validator for the subset Baton's documented schemas use: `type` (one or
/// several), `enum`, `const`, `required`, `properties`, `additionalProperties` (false or a schema),
/// `items`, `oneOf` and local `$ref`s to `#/$defs/...`. Returns one message per violation.
package struct JSONSchemaValidator {
    let root: JSONValue

    package init(schema: JSONValue) {
        self.root = schema
    }

    package func validate(_ value: JSONValue) -> [String] {
        var errors: [String] = []
        check(value, against: root, at: "$", errors: &errors)
        return errors
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard case .object(let fields) = schema, case .string(let ref)? = fields["$ref"] else { return schema }
        let name = String(ref.dropFirst("#/$defs/".count))
        guard case .object(let top) = root, case .object(let defs)? = top["$defs"], let target = defs[name] else {
            return .object([:])
        }
        return resolve(target)
    }

    private func typeMatches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .number):
            return true
        case ("integer", .number(let n)): return n.rounded() == n
        default: return false
        }
    }

    private func check(_ value: JSONValue, against schemaValue: JSONValue, at path: String, errors: inout [String]) {
        guard case .object(let schema) = resolve(schemaValue) else { return }
        if let type = schema["type"] {
            let types: [String]
            switch type {
            case .string(let t): types = [t]
            case .array(let ts): types = ts.compactMap { if case .string(let t) = $0 { t } else { nil } }
            default: types = []
            }
            if !types.contains(where: { typeMatches(value, $0) }) {
                errors.append("\(path): expected \(types.joined(separator: " or ")), got \(value.typeName)")
                return
            }
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
            errors.append("\(path): \(value) is not one of the allowed values")
        }
        if let constant = schema["const"], constant != value {
            errors.append("\(path): \(value) is not the constant \(constant)")
        }
        if case .array(let options)? = schema["oneOf"] {
            let matching = options.filter { option in
                var sub: [String] = []
                check(value, against: option, at: path, errors: &sub)
                return sub.isEmpty
            }
            if matching.count != 1 { errors.append("\(path): matches \(matching.count) of the oneOf schemas, not 1") }
        }
        if case .object(let fields) = value {
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where fields[name] == nil {
                    errors.append("\(path): missing required '\(name)'")
                }
            }
            var properties: [String: JSONValue] = [:]
            if case .object(let p)? = schema["properties"] { properties = p }
            for (name, child) in fields {
                if let sub = properties[name] {
                    check(child, against: sub, at: "\(path).\(name)", errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) {
                        errors.append("\(path): unexpected property '\(name)'")
                    } else if case .object = additional {
                        check(child, against: additional, at: "\(path).\(name)", errors: &errors)
                    }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (i, item) in items.enumerated() {
                check(item, against: itemSchema, at: "\(path)[\(i)]", errors: &errors)
            }
        }
    }
}
