import BatonCore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BatonHTTP

@Suite("The overview's first render: rollup figures while the report builds in the background")
struct WebControllerOverviewTests {
    static let refresh = HTTPField.Name("Refresh")!

    /// The address a computing page reloads to.
    static func reloadURL(_ response: TestResponse) throws -> String {
        let header = try #require(response.headers[refresh])
        let url = try #require(header.range(of: "url=")).upperBound
        #expect(header.hasPrefix("\(WebController.overviewReloadSeconds); url=/?"))
        return String(header[url...])
    }

    /// The waiting and coordination charts of an overview, as HTML.
    static func rollupSections(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<h2>Waiting by tool pair</h2>")).lowerBound
        let first = try #require(html.range(of: "</figure>", range: start..<html.endIndex)).upperBound
        let second = try #require(html.range(of: "</figure>", range: first..<html.endIndex)).upperBound
        return String(html[start..<second])
    }

    @Test(
        "a new period shows its rollup figures at once and reloads with its build's ticket until that build's report, whose charts are the preview's; another tenant cannot take the ticket"
    )
    func previewThenReport() async throws {
        try await withTestApplication(configure: {
            $0.overviewWait = .zero
            $0.maintenanceInterval = .seconds(1)
        }) { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: WebControllerTests.records)
            // The maintenance pass refreshes the day's rollups within a second or so.
            var fresh = false
            for _ in 0..<600 where !fresh {
                let response = try await client.send(
                    .get, "/v1/coordination?from=2026-03-02&to=2026-03-03", token: tokens.viewerA)
                fresh =
                    String(buffer: response.body).range(of: #""path"\s*:\s*"rollups""#, options: .regularExpression)
                    != nil
                if !fresh { try await Task.sleep(for: .milliseconds(100)) }
            }
            try #require(fresh, "the rollups were not refreshed within a minute")

            var browser = try await client.signIn(tokens.viewerA)
            let uri = "/?from=2026-03-02&to=2026-03-03"
            let first = try await client.page(.get, uri, &browser)
            #expect(first.status == .ok)
            let preview = String(buffer: first.body)
            #expect(preview.contains(#"id="computing""#))
            #expect(preview.contains("Already summed from the daily rollups"))
            #expect(!preview.contains("Fast tasks, slow workflow"))
            let reload = try Self.reloadURL(first)
            #expect(reload.contains("from=2026-03-02T00%3A00%3A00Z") && reload.contains("build="))

            var page = first
            for _ in 0..<600 {
                page = try await client.page(.get, reload, &browser)
                #expect(page.status == .ok)
                guard String(buffer: page.body).contains(#"id="computing""#) else { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let full = String(buffer: page.body)
            #expect(full.contains("Fast tasks, slow workflow") && !full.contains(#"id="computing""#))
            #expect(page.headers[Self.refresh] == nil)
            #expect(try Self.rollupSections(full) == Self.rollupSections(preview))
            #expect(full.contains("edr"), "the chart shows the handoffs")
            // The build filled the cache: the period again is the same page at once.
            let again = try await client.page(.get, uri, &browser)
            #expect(String(buffer: again.body) == full)

            // A ticket of another tenant's page starts that tenant's own build.
            let other = try await client.page(.get, "/?from=2026-03-01&to=2026-03-04", &browser)
            let otherReload = try Self.reloadURL(other)
            var intruder = try await client.signIn(tokens.viewerB)
            let stolen = try await client.page(.get, otherReload, &intruder)
            let stolenHTML = String(buffer: stolen.body)
            #expect(stolenHTML.contains("tenant soc-b") && !stolenHTML.contains("tenant soc-a"))
            #expect(try Self.reloadURL(stolen) != otherReload)

            let bad = try await client.page(.get, "/?build=soon", &browser)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("&#39;build&#39; must be a whole number"))
        }
    }
}
