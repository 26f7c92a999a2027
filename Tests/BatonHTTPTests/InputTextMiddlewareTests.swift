import BatonStore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import BatonHTTP

@Suite("Text checked at the HTTP boundary")
struct InputTextMiddlewareTests {
    @Test("issue 26's request: a NUL in a query parameter is a 400 naming it, not a 500 from PostgreSQL")
    func nulInQuery() async throws {
        try await withTestApplication { client, tokens in
            let response = try await client.send(
                .get, "/v1/handoffs?assistant=%28%C3%9D%00%C2%89", token: tokens.viewerA)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_text")
            #expect(response.errorMessage == "query parameter 'assistant' contains a NUL character")
            // Invalid UTF-8 behind escapes is seen as such (Hummingbird would have made it U+FFFD).
            let bytes = try await client.send(.get, "/v1/report?assistant=%ED%A0%80", token: tokens.viewerA)
            #expect(bytes.errorMessage == "query parameter 'assistant' is not valid UTF-8 (at byte 0)")
            let escape = try await client.send(.get, "/v1/report?from=%zz", token: tokens.viewerA)
            #expect(
                escape.errorMessage == "query parameter 'from' has a '%' that is not followed by two hexadecimal digits"
            )
            // Path parameters are named by the route's template.
            let path = try await client.send(.get, "/v1/workflows/INC%00", token: tokens.viewerA)
            #expect(path.errorMessage == "path parameter 'id' contains a NUL character")
            let tag = try await client.send(
                .post, "/v1/handoffs/a%E2%80%AEb/tags", token: tokens.analystA, body: #"{"reason": "other"}"#)
            #expect(tag.errorMessage == "path parameter 'id' contains U+202E, a bidirectional-text control")
            // Ordinary text passes: an id with a slash, accents and an arrow.
            let ordinary = try await client.send(
                .get, "/v1/handoffs?tool_pair=siem%E2%86%92edr&assistant=caf%C3%A9", token: tokens.viewerA)
            #expect(ordinary.status == .ok)
            #expect(try await client.send(.get, "/v1/workflows/INC%2F42", token: tokens.viewerA).status == .notFound)
        }
    }

    @Test("a data exception from the database (SQLSTATE class 22) is a 422 without the database's text")
    func dataException() {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let error = ErrorMiddleware<BatonRequestContext>.map(StoreError.invalidValue, logger: logger)
        #expect(error.status == .unprocessableContent)
        #expect(error.code == "invalid_value")
        #expect(!error.message.contains("SQLSTATE") && !error.message.contains("UTF8"))
    }
}

@Suite("Instants in year 0 UTC")
struct YearZeroTests {
    @Test(
        "an RFC 3339 time whose offset puts it in year 0 UTC (0001-01-01T00:00:00+03:00) is stored and filtered on, not a database error"
    )
    func yearZero() async throws {
        try await withTestApplication { client, tokens in
            let early = "0001-01-01T00:00:00+03:00"
            var response = try await client.send(
                .post, "/v1/perceptions", token: tokens.analystA,
                body: #"{"respondent_role": "analyst", "assistant": "a", "rating": "good", "date": "\#(early)"}"#)
            #expect(response.status == .created)
            response = try await client.send(
                .put, "/v1/assistants/a", token: tokens.adminA, body: #"{"rollout_at": "\#(early)"}"#)
            #expect(response.status == .ok)
            let query = "from=\(early.replacingOccurrences(of: "+", with: "%2B"))&to=2026-01-01"
            for path in ["/v1/handoffs", "/v1/report", "/v1/export/survey.csv"] {
                response = try await client.send(.get, "\(path)?\(query)", token: tokens.viewerA)
                #expect(
                    response.status == .ok, "\(path): \(response.status) \(String(buffer: response.body).prefix(200))")
            }
        }
    }
}
