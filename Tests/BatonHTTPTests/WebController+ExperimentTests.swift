import BatonCore
import BatonTestSupport
import BatonWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BatonHTTP

/// `/experiments/{name}` and the overview's link to it (value-model §7, issue 20).
@Suite("Web: the experiment page")
struct WebControllerExperimentTests {
    /// A name that is markup, to check it is shown as text in the page, its title and the links.
    static let name = #"<b>trial</b> "one" & 'two'"#

    @Test(
        "the page shows arms, progress and verdict with the name escaped; the overview links it; 404 for unknown and other tenants"
    )
    func page() async throws {
        try await withTestApplication { client, tokens in
            try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson",
                body: WebControllerTests.records)
            let path = "/experiments/" + HTML.urlComponent(Self.name)
            let body =
                #"{"assistant": "\"><img src=x onerror=alert(2)>", "holdout_share": 0.5, "starts_at": "2026-03-01T00:00:00Z", "planned_sample": 8}"#
            var response = try await client.send(.put, "/v1/" + path.dropFirst(), token: tokens.adminA, body: body)
            #expect(response.status == .created)
            let assistant = #"\"><img src=x onerror=alert(2)>"#
            response = try await client.send(
                .post, "/v1/assignments", token: tokens.ingestA,
                body:
                    #"{"assignments": [{"workflow_id": "WF-2", "assistant": "\#(assistant)"}, {"workflow_id": "<script>alert(1)</script>", "assistant": "\#(assistant)"}]}"#
            )
            #expect(response.status == .ok)

            var browser = try await client.signIn(tokens.viewerA)
            let page = try await client.page(.get, path, &browser)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Experiment &lt;b&gt;trial&lt;/b&gt; &quot;one&quot; &amp; &#39;two&#39;"))
            #expect(!html.contains("<b>trial") && !html.contains("<img") && !html.contains("<script"))
            #expect(html.contains("2 cases assigned"))
            #expect(html.contains("of the planned 8"))
            #expect(html.contains("<progress id=\"experiment-progress\" max=\"8\" value=\"2\""))
            #expect(html.contains("Held out</th><td>50%"))
            // Analysed from the experiment's start.
            #expect(html.contains("2026-03-01 to "))

            let overview = String(
                buffer: try await client.page(.get, "/?from=2026-03-01&to=2026-03-31", &browser).body)
            #expect(overview.contains("href=\"\(path)\""))
            #expect(overview.contains("Running experiments"))

            #expect(try await client.page(.get, "/experiments/nope", &browser).status == .notFound)
            var other = try await client.signIn(tokens.viewerB)
            #expect(try await client.page(.get, path, &other).status == .notFound)
        }
    }
}
