import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("GET /v1/export/survey.csv")
struct ExportControllerTests {
    static let hostile = #"=HYPERLINK("http://evil.example","x, y")"#
    static let records = """
        {"type": "workflow", "workflow_id": "INC-1", "opened_at": "2026-03-02T10:00:00Z", "closed_at": "2026-03-02T14:00:00Z", "severity": "high", "category": "phishing"}
        {"type": "task", "id": "t1", "workflow_id": "INC-1", "task_type": "alert-triage", "tool": "siem", "actor": "analyst:ana", "assistant": "=HYPERLINK(\\"http://evil.example\\",\\"x, y\\")", "ai_mode": "assisted", "started_at": "2026-03-02T10:30:00Z", "ended_at": "2026-03-02T11:00:00Z"}
        {"type": "task", "id": "t2", "workflow_id": "INC-1", "task_type": "containment", "tool": "edr", "actor": "analyst:bo", "assistant": "@SUM(1+1)", "ai_mode": "autonomous", "started_at": "2026-03-02T12:00:00Z", "ended_at": "2026-03-02T13:00:00Z"}
        """

    @Test("the CSV for the caller's tenant: same figures as the report; anonymised without names or notes")
    func survey() async throws {
        try await withTestApplication { client, tokens in
            let posted = try await client.send(
                .post, "/v1/events", token: tokens.ingestA, contentType: "application/x-ndjson", body: Self.records)
            #expect(try posted.json()["accepted"] as? Int == 3)
            try await client.send(
                .post, "/v1/perceptions", token: tokens.analystA,
                body:
                    #"{"respondent_role": "ciso", "assistant": "@SUM(1+1)", "rating": "excellent", "date": "2026-03-05", "note": "a secret remark"}"#
            )

            // The hourly rate's range is the document's: its maximum is in, half past it is not.
            for (rate, status) in [
                ("999999999", HTTPResponse.Status.ok), ("999999999.5", .badRequest), ("-1", .badRequest),
            ] {
                let r = try await client.send(
                    .get, "/v1/export/survey.csv?from=2026-03-01&to=2026-04-01&hourly_rate=\(rate)",
                    token: tokens.viewerA)
                #expect(r.status == status, "\(rate)")
            }
            var response = try await client.send(
                .get, "/v1/export/survey.csv?from=2026-03-01&to=2026-04-01", token: tokens.viewerA)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
            let text = String(buffer: response.body)
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines.first?.hasPrefix("soc,delivery_model,period_start,period_end,assistant,") == true)
            #expect(
                lines.first?.hasSuffix(
                    ",perceived_value_rating,handoffs_out_with_context_share,regather_after_share,duplicate_hours,notes"
                ) == true)
            // Header, the SOC, two assistants, and the empty string after the last CRLF.
            #expect(lines.count == 5)
            #expect(lines[1].hasPrefix("soc-a,,2026-03-01,2026-04-01,,"))
            #expect(text.contains(#"'=HYPERLINK(""http://evil.example"",""x, y"")"#))
            #expect(text.contains("'@SUM(1+1)"))
            #expect(text.contains(",excellent,"))
            // One closed workflow of 4 h with handoff waits 1 h (t1→t2; intake and closure are not
            // handoff waits): handoff_wait_share = 1 / 4.
            #expect(lines[1].contains(",0.25,"))

            response = try await client.send(
                .get, "/v1/export/survey.csv?from=2026-03-01&to=2026-04-01&anonymize=true", token: tokens.viewerA)
            let anonymous = String(buffer: response.body)
            for secret in ["soc-a", "HYPERLINK", "evil.example", "@SUM", "a secret remark", "alert-triage"] {
                #expect(!anonymous.contains(secret), "the anonymised file contains \(secret)")
            }
            #expect(anonymous.contains("soc_"))
            #expect(anonymous.contains("assistant_"))
            #expect(anonymous.contains(",excellent,"))
            // Stable: the same request gives the same pseudonyms.
            response = try await client.send(
                .get, "/v1/export/survey.csv?from=2026-03-01&to=2026-04-01&anonymize=true", token: tokens.viewerA)
            #expect(String(buffer: response.body) == anonymous)

            // Tenant B has no assistants: only the SOC row.
            response = try await client.send(
                .get, "/v1/export/survey.csv?from=2026-03-01&to=2026-04-01", token: tokens.viewerB)
            #expect(String(buffer: response.body).components(separatedBy: "\r\n").count == 3)

            response = try await client.send(.get, "/v1/export/survey.csv", token: tokens.ingestA)
            #expect(response.status == .forbidden)
            response = try await client.send(.get, "/v1/export/survey.csv?anonymize=maybe", token: tokens.viewerA)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("'anonymize'") == true)
            response = try await client.send(.get, "/v1/export/survey.csv?to=never", token: tokens.viewerA)
            #expect(response.status == .badRequest)
        }
    }
}
