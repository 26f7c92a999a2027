import Foundation

/// Typed reads out of `JSONSerialization` output, with errors naming the field.
enum OTLPJSONReader {
    static func value(_ object: [String: Any], _ names: String...) -> Any? {
        for name in names {
            if let value = object[name], !(value is NSNull) { return value }
        }
        return nil
    }

    static func object(_ value: Any, _ name: String) throws(OTLPDecodingError) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw OTLPDecodingError("'\(name)' must be an object") }
        return object
    }

    static func array(_ object: [String: Any], _ names: String...) throws(OTLPDecodingError) -> [Any] {
        for name in names {
            guard let value = object[name], !(value is NSNull) else { continue }
            guard let array = value as? [Any] else { throw OTLPDecodingError("'\(name)' must be an array") }
            return array
        }
        return []
    }

    static func string(_ object: [String: Any], _ names: String...) throws(OTLPDecodingError) -> String {
        for name in names {
            guard let value = object[name], !(value is NSNull) else { continue }
            guard let text = value as? String else { throw OTLPDecodingError("'\(name)' must be a string") }
            return text
        }
        return ""
    }

    /// A 64-bit integer written as a number or as a decimal string (OTLP JSON allows both).
    static func integer(_ value: Any, _ name: String) throws(OTLPDecodingError) -> Int64 {
        if let text = value as? String {
            if let parsed = Int64(text) { return parsed }
            if let parsed = UInt64(text) { return Int64(bitPattern: parsed) }
        } else if let number = value as? NSNumber {
            if let exact = number as? Int64 { return exact }
            if let exact = Int64(exactly: number.doubleValue) { return exact }
        }
        throw OTLPDecodingError("'\(name)' must be an integer (a number or a decimal string)")
    }

    static func unsigned(_ object: [String: Any], _ names: String...) throws(OTLPDecodingError) -> UInt64 {
        for name in names {
            guard let value = object[name], !(value is NSNull) else { continue }
            if let text = value as? String, let parsed = UInt64(text) { return parsed }
            return UInt64(bitPattern: try integer(value, name))
        }
        return 0
    }

    static func id(_ object: [String: Any], _ names: String...) throws(OTLPDecodingError) -> String {
        for name in names {
            guard let value = object[name], !(value is NSNull) else { continue }
            guard let text = value as? String, let hex = OTLPHex.normalise(text) else {
                throw OTLPDecodingError("'\(name)' must be a hex string")
            }
            return hex
        }
        return ""
    }

    static func attributes(_ object: [String: Any]) throws(OTLPDecodingError) -> [String: OTLPAttributeValue] {
        var result: [String: OTLPAttributeValue] = [:]
        for item in try array(object, "attributes") {
            let (key, value) = try keyValue(try self.object(item, "attributes[]"))
            result[key] = value
        }
        return result
    }

    static func keyValue(_ object: [String: Any]) throws(OTLPDecodingError) -> (String, OTLPAttributeValue) {
        let key = try string(object, "key")
        guard let raw = value(object, "value") else { return (key, .empty) }
        return (key, try anyValue(try self.object(raw, "value"), key: key))
    }

    static func anyValue(_ object: [String: Any], key: String) throws(OTLPDecodingError) -> OTLPAttributeValue {
        if let text = value(object, "stringValue", "string_value") {
            guard let text = text as? String else { throw OTLPDecodingError("'\(key)': stringValue must be a string") }
            return .string(text)
        }
        if let flag = value(object, "boolValue", "bool_value") {
            guard let flag = flag as? Bool else { throw OTLPDecodingError("'\(key)': boolValue must be a boolean") }
            return .bool(flag)
        }
        if let number = value(object, "intValue", "int_value") {
            return .int(try integer(number, key))
        }
        if let number = value(object, "doubleValue", "double_value") {
            if let text = number as? String, let parsed = Double(text) { return .double(parsed) }
            guard !(number is Bool), let parsed = number as? NSNumber else {
                throw OTLPDecodingError("'\(key)': doubleValue must be a number")
            }
            return .double(parsed.doubleValue)
        }
        if let list = value(object, "arrayValue", "array_value") {
            let values = try array(try self.object(list, key), "values")
            var items: [OTLPAttributeValue] = []
            for item in values { items.append(try anyValue(try self.object(item, key), key: key)) }
            return .array(items)
        }
        if let list = value(object, "kvlistValue", "kvlist_value") {
            var pairs: [String: OTLPAttributeValue] = [:]
            for item in try array(try self.object(list, key), "values") {
                let (inner, value) = try keyValue(try self.object(item, key))
                pairs[inner] = value
            }
            return .keyValueList(pairs)
        }
        if let encoded = value(object, "bytesValue", "bytes_value") {
            guard let text = encoded as? String, let data = Data(base64Encoded: text) else {
                throw OTLPDecodingError("'\(key)': bytesValue must be base64")
            }
            return .bytes(Array(data))
        }
        return .empty
    }

    static func span(_ object: [String: Any]) throws(OTLPDecodingError) -> OTLPSpan {
        var span = OTLPSpan()
        span.traceID = try id(object, "traceId", "trace_id")
        span.spanID = try id(object, "spanId", "span_id")
        span.parentSpanID = try id(object, "parentSpanId", "parent_span_id")
        span.name = try string(object, "name")
        span.kind = Int(truncatingIfNeeded: try unsigned(object, "kind"))
        span.flags = UInt32(truncatingIfNeeded: try unsigned(object, "flags"))
        span.startTimeUnixNano = try unsigned(object, "startTimeUnixNano", "start_time_unix_nano")
        span.endTimeUnixNano = try unsigned(object, "endTimeUnixNano", "end_time_unix_nano")
        span.attributes = try attributes(object)
        for item in try array(object, "links") {
            let link = try self.object(item, "links[]")
            span.links.append(
                OTLPLink(traceID: try id(link, "traceId", "trace_id"), spanID: try id(link, "spanId", "span_id")))
        }
        return span
    }
}
