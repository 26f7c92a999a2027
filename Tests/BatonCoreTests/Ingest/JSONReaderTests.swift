import BatonCore
import Foundation
import Testing

/// What Foundation's decoder makes of `bytes` as a ``JSONValue``: the reader replaced it on the
/// ingest path and must accept, refuse and read exactly the same texts.
private func decoded(_ bytes: [UInt8]) -> JSONValue? {
    try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
}

/// Whether every number in `value` is within the documented ±1e308.
private func withinBound(_ value: JSONValue) -> Bool {
    switch value {
    case .number(let n): return n.magnitude <= 1e308
    case .array(let items): return items.allSatisfy(withinBound)
    case .object(let fields): return fields.values.allSatisfy(withinBound)
    default: return true
    }
}

private func read(_ bytes: [UInt8]) -> JSONValue? {
    try? JSONReader.value(of: bytes)
}

/// Serialises `value` with random whitespace and random (valid) escapes, so the reader meets
/// the same value spelt many ways.
private func spell(_ value: JSONValue, _ random: inout SeededGenerator) -> String {
    func space() -> String { ["", "", " ", "\n", "\t ", "\r\n"].randomElement(using: &random)! }
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n):
        if n == n.rounded(), abs(n) < 1e15, Bool.random(using: &random) { return String(Int64(n)) }
        return "\(n)"
    case .string(let s):
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += Bool.random(using: &random) ? "\\\\" : "\\u005c"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "/": out += Bool.random(using: &random) ? "/" : "\\/"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            case _ where scalar.value > 0xFFFF && Bool.random(using: &random):
                let v = scalar.value - 0x10000
                out += String(format: "\\u%04X\\u%04X", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
            case _ where scalar.value > 0x7F && Bool.random(using: &random) && scalar.value <= 0xFFFF:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    case .array(let items):
        return "[" + space() + items.map { spell($0, &random) }.joined(separator: space() + "," + space()) + space()
            + "]"
    case .object(let fields):
        return "{" + space()
            + fields.sorted { $0.key < $1.key }.map {
                spell(.string($0.key), &random) + space() + ":" + spell($0.value, &random)
            }
            .joined(separator: "," + space()) + space() + "}"
    }
}

private func randomValue(depth: Int, _ random: inout SeededGenerator) -> JSONValue {
    let pieces = ["a", "é", "€", "😀", "\"", "\\", "/", "\n", "\t", "\u{1}", " ", "task", "\u{7f}", "\u{FFFD}"]
    func string() -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }
    switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &random) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &random))
    case 2:
        let numbers: [Double] = [0, -0.0, 1, -17, 3.25, 1e-7, 6.02e23, 9_007_199_254_740_993, 1e308, -1e308]
        return .number(
            Bool.random(using: &random)
                ? numbers.randomElement(using: &random)! : Double.random(in: -1e6...1e6, using: &random))
    case 3, 4: return .string(string())
    case 5:
        return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, &random) })
    default:
        var fields: [String: JSONValue] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &random) { fields[string()] = randomValue(depth: depth + 1, &random) }
        return .object(fields)
    }
}

@Suite("JSON reader")
struct JSONReaderTests {
    @Test("reads what the old decoder read, and refuses what it refused: edge cases")
    func edgeCases() {
        let texts = [
            #"{"a":1,"a":2}"#, "1e400", "-1e400", "-0", "01", "1.", ".5", "1e5", "1E+2",
            "123456789012345678901234567890",
            "5", #""x""#, "true", "null", "false", "[1,]", #"{"a":1,}"#, "[1,,]", "[,]", "{,}", "NaN", "Infinity",
            "/*c*/1",
            #""\ud800""#, #""\udc00x""#, #""\ud83d\ude00""#, "\"a\tb\"", #""\/""#, #""\x""#, " 1 ", "1 2",
            #"{"a" : [ ] }"#,
            #""\u0000""#, "-", "1e", "[", "{}", #"{"":1}"#, "tru", "nul", "\"é\"", "1.5e-3", "0.1e1", "-01",
            "\"a\u{7f}\"",
            #"{"a":1 "b":2}"#, "\u{feff}1", "[1 2]", #""\uD83D""#, "9007199254740993", "1.7976931348623157e309", "",
            "   ", "[]", "[[]]", #"{"a":{"b":[true,false,null]}}"#, "+1", "1.0e+", "0x10", #""\u00e9""#, #""\uZZZZ""#,
            #""abc"#, #"{"a"}"#, #"{"a":}"#, #"{1:2}"#, "[1]]", "{}}", "\u{feff}\u{feff}1", "truex", "null null",
        ]
        var cases = texts.map { Array($0.utf8) }
        cases += [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
        ]
        cases += [[0x22, 0x0A, 0x22], [0x22, 0xC3, 0xA9, 0x22], [0x5B, 0x31, 0x00, 0x5D]]
        for bytes in cases {
            #expect(read(bytes) == decoded(bytes), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
        #expect(read(Array(#"{"a":1,"a":2}"#.utf8)) == .object(["a": .number(1)]))
        #expect(read(Array("[1,]".utf8)) == .array([.number(1)]))
        #expect(read(Array("01".utf8)) == nil)
    }

    @Test("a number beyond 1e308 is refused, exactly, even when it would round onto an accepted Double")
    func beyondLargestMagnitude() {
        let bound = "1" + String(repeating: "0", count: 308)
        let accepted = [
            "1e308", "-1E+308", bound, "-" + bound, bound + ".000", "0.1e309", "10e307", "100000e303",
            "9.99999999999999999999999e307", String(repeating: "9", count: 308) + ".999999",
        ]
        for text in accepted {
            guard case .number(let value) = read(Array(text.utf8)) else {
                Issue.record("refused \(text)")
                continue
            }
            #expect(value.magnitude >= 9.9999e307 && value.magnitude <= 1e308, "\(text)")
            #expect(!JSONReader.exceedsLargestMagnitude(text), "\(text)")
        }
        // Found by schemathesis: one past the documented minimum, spelt as a 309-digit integer, rounded onto a
        // Double the reader accepted.
        let refused = [
            "-" + String(bound.dropLast()) + "1", bound + ".0000001", "1.0000000000000000000001e308",
            "1.7976931348623157e308",
            "-179769313486231570" + String(repeating: "0", count: 290) + "1", "2e308", "1e309", "11e307",
            "1e1000000000000000000000",
        ]
        for text in refused {
            #expect(read(Array(text.utf8)) == nil, "\(text)")
            #expect(JSONReader.exceedsLargestMagnitude(text), "\(text)")
        }
        #expect(!JSONReader.exceedsLargestMagnitude("1e-1000000000000000000000"))
        #expect(!JSONReader.exceedsLargestMagnitude("0.000"))
    }

    @Test("nesting up to the limit is read, deeper is refused like the old decoder")
    func depth() {
        for depth in [JSONReader.maximumDepth - 1, JSONReader.maximumDepth, JSONReader.maximumDepth + 1, 5_000] {
            let bytes = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            #expect((read(bytes) == nil) == (depth > JSONReader.maximumDepth), "depth \(depth)")
            #expect((read(bytes) == nil) == (decoded(bytes) == nil), "depth \(depth)")
        }
    }

    @Test("random values, spelt with random whitespace and escapes, read back equal and as the old decoder did")
    func randomValues() {
        var random = SeededGenerator(seed: 20_261_128)
        for _ in 0..<2_000 {
            let value = randomValue(depth: 0, &random)
            let bytes = Array(spell(value, &random).utf8)
            #expect(read(bytes) == value, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(decoded(bytes) == value)
        }
    }

    @Test("random corruptions are accepted or refused exactly as the old decoder did, with the same value")
    func mutations() {
        var random = SeededGenerator(seed: 7)
        let alphabet = Array(#"{}[]":,\ -+.eE0123456789tfnulrsa/u"#.utf8) + [0x00, 0x0A, 0x09, 0xC3, 0xA9, 0xFF, 0xED]
        var refused = 0
        for _ in 0..<4_000 {
            var bytes = Array(spell(randomValue(depth: 0, &random), &random).utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where position < bytes.count: bytes.remove(at: position)
                case 1 where position < bytes.count: bytes[position] = alphabet.randomElement(using: &random)!
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: position)
                }
            }
            let mine = read(bytes)
            // The one intended difference: the old decoder took numbers up to the largest Double.
            let old = decoded(bytes).flatMap { withinBound($0) ? $0 : nil }
            #expect(mine == old, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if mine == nil { refused += 1 }
        }
        // The corruptions must exercise both outcomes, or the comparison proves little.
        #expect(refused > 1_000 && refused < 3_900)
    }
}
