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
