import BatonCore
import BatonStore
import Foundation
import PostgresNIO
import Testing

@testable import BatonHTTP

/// `Docs/openapi.yaml` stays true: every route the router serves is documented, and every
/// documented route exists.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// "METHOD /path" for each operation under `paths:` (two-space path keys, four-space methods).
    static func documentedRoutes() throws -> Set<String> {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        for line in lines {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, let first = line.first, first != " ", first != "#" { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).prefix { $0 != ":" })
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if ["get", "post", "put", "delete", "patch"].contains(key) {
                    routes.insert("\(key.uppercased()) \(path)")
                }
            }
        }
        return routes
    }

    @Test("the document and the router list the same routes")
    func sameRoutes() throws {
        let served = Set(servedRoutes())
        let documented = try Self.documentedRoutes()
        #expect(documented.count >= 20)
        for route in served.subtracting(documented).sorted() { Issue.record("not in Docs/openapi.yaml: \(route)") }
        for route in documented.subtracting(served).sorted() { Issue.record("documented but not served: \(route)") }
    }
}

/// The document's text patterns say exactly what the code accepts, in both directions.
@Suite("OpenAPI document: patterns agree with the code")
struct OpenAPIPatternTests {
    /// The single-quoted pattern of `name: &name '...'` in `x-patterns`.
    static func pattern(_ name: String) throws -> NSRegularExpression {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let marker = "  \(name): &\(name) '"
        let start = try #require(text.range(of: marker)).upperBound
        let end = try #require(text[start...].firstIndex(of: "'"))
        return try NSRegularExpression(pattern: String(text[start..<end]))
    }

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, range: range).map { $0.range == range } ?? false
    }

    /// Every control character, the refused format characters, their neighbours, and ordinary text.
    static var samples: [String] {
        var scalars: [UInt32] = Array(0...0x20) + Array(0x7E...0xA0)
        scalars += [0x061C, 0x200E, 0x200F, 0x2029, 0x2028, 0x2069, 0x206A, 0xFEFE, 0xFEFF, 0xFFFD, 0x1F600]
        scalars += Array(0x2029...0x202F) + Array(0x2065...0x206A)
        var out = scalars.compactMap(Unicode.Scalar.init).map { "a" + String(Character($0)) + "b" }
        out += ["", "siem→edr", "Müller", "事件", "a\r\nb", "a\rb", "a\nb", "a\tb", "\r\n"]
        return out
    }

    @Test("the `line` and `text` patterns accept exactly what InputText accepts as a line and as free text")
    func textPatterns() throws {
        let line = try Self.pattern("line")
        let text = try Self.pattern("text")
        for sample in Self.samples {
            let scalars = sample.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(
                Self.matches(line, sample) == InputText.isAcceptable(sample, maxLength: 100, shape: .line),
                "line: \(scalars)")
            #expect(
                Self.matches(text, sample) == InputText.isAcceptable(sample, maxLength: 100, shape: .text),
                "text: \(scalars)")
        }
    }

    @Test("the `duration` pattern accepts exactly the durations min_wait takes")
    func durationPattern() throws {
        let duration = try Self.pattern("duration")
        let samples = [
            "0", "45", "0.5", "999999", "1000000", "1.1234567", "90s", "30m", "2h", "1h30m", "1d", "0.5h", "1d2h3m4s",
            "1d2h3m4s5s", "", "soon", "5x", "h", "-3", "1h30", " 5", "5 ", "1H", ".5", "5.", "1e3", "inf", "1,5",
        ]
        for sample in samples {
            #expect(Self.matches(duration, sample) == (HandoffFilter.duration(sample) != nil), "\(sample)")
        }
    }
}
