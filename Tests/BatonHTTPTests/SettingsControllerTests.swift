import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("/v1/settings")
struct SettingsControllerTests {
    @Test("admins replace the tenant's settings; viewers read them; bad values are 422 naming the field")
    func putAndGet() async throws {
        try await withTestApplication { client, tokens in
            var response = try await client.send(.get, "/v1/settings", token: tokens.viewerA)
            #expect(response.status == .ok)
            var json = try response.json()
            #expect(json["tenant"] as? String == "soc-a")
            #expect(json["display_name"] is NSNull)
            #expect(json["delivery_model"] is NSNull)

            let body = #"{"display_name": "Acme SOC", "delivery_model": "hybrid"}"#
            for token in [tokens.viewerA, tokens.analystA, tokens.ingestA] {
                #expect(try await client.send(.put, "/v1/settings", token: token, body: body).status == .forbidden)
            }
            response = try await client.send(.put, "/v1/settings", token: tokens.adminA, body: body)
            #expect(response.status == .ok)
            json = try await client.send(.get, "/v1/settings", token: tokens.viewerA).json()
            #expect(json["display_name"] as? String == "Acme SOC")
            #expect(json["delivery_model"] as? String == "hybrid")

            // The survey CSV names the tenant by its display name.
            let csv = try await client.send(
                .get, "/v1/export/survey.csv?from=2026-03-01&to=2026-03-31", token: tokens.viewerA)
            #expect(String(buffer: csv.body).contains("Acme SOC"))

            for (bad, field) in [
                (#"{"delivery_model": "outsourced"}"#, "delivery_model"),
                (#"{"display_name": ""}"#, "display_name"),
                (#"{"display_name": "a\u0000b"}"#, "display_name"),
                (#"{"display_name": 42}"#, "display_name"),
                (#"{"displayname": "typo"}"#, "displayname"),
            ] {
                response = try await client.send(.put, "/v1/settings", token: tokens.adminA, body: bad)
                #expect(response.status == .unprocessableContent, "\(bad)")
                #expect(response.errorMessage?.contains(field) == true, "\(bad)")
            }
            response = try await client.send(.put, "/v1/settings", token: tokens.adminA, body: "[1]")
            #expect(response.status == .badRequest)
            // Nothing of the refused bodies was stored; null clears a setting.
            json = try await client.send(.get, "/v1/settings", token: tokens.viewerA).json()
            #expect(json["delivery_model"] as? String == "hybrid")
            response = try await client.send(
                .put, "/v1/settings", token: tokens.adminA,
                body: #"{"display_name": "Acme SOC", "delivery_model": null}"#)
            #expect(try response.json()["delivery_model"] is NSNull)
            // Tenant B's settings are its own.
            json = try await client.send(.get, "/v1/settings", token: tokens.viewerB).json()
            #expect(json["tenant"] as? String == "soc-b")
            #expect(json["display_name"] is NSNull)
        }
    }

    @Test("hourly_rate: put and read back, cleared when absent; negative, too large or not a number is 422 naming it")
    func hourlyRate() async throws {
        try await withTestApplication { client, tokens in
            var json = try await client.send(.get, "/v1/settings", token: tokens.viewerA).json()
            #expect(json["hourly_rate"] is NSNull)
            var response = try await client.send(
                .put, "/v1/settings", token: tokens.adminA, body: #"{"display_name": "Acme", "hourly_rate": 87.5}"#)
            #expect(response.status == .ok)
            #expect(try response.json()["hourly_rate"] as? Double == 87.5)
            json = try await client.send(.get, "/v1/settings", token: tokens.viewerA).json()
            #expect(json["hourly_rate"] as? Double == 87.5)
            for bad in [#"-1"#, #""90""#, #"1e9"#, #"999999999.9999999"#, #"999999999.5"#, #"true"#] {
                response = try await client.send(
                    .put, "/v1/settings", token: tokens.adminA, body: #"{"hourly_rate": "# + bad + "}")
                #expect(response.status == .unprocessableContent, "\(bad)")
                #expect(response.errorMessage?.contains("hourly_rate") == true, "\(bad)")
            }
            // Nothing refused was stored; tenant B has none; a PUT without it clears it.
            #expect(
                try await client.send(.get, "/v1/settings", token: tokens.viewerA).json()["hourly_rate"] as? Double
                    == 87.5)
            #expect(try await client.send(.get, "/v1/settings", token: tokens.viewerB).json()["hourly_rate"] is NSNull)
            // The documented maximum itself is accepted.
            response = try await client.send(
                .put, "/v1/settings", token: tokens.adminA, body: #"{"hourly_rate": 999999999}"#)
            #expect(try response.json()["hourly_rate"] as? Double == 999_999_999)
            response = try await client.send(.put, "/v1/settings", token: tokens.adminA, body: #"{"hourly_rate": 0}"#)
            #expect(try response.json()["hourly_rate"] as? Double == 0)
            response = try await client.send(
                .put, "/v1/settings", token: tokens.adminA, body: #"{"display_name": "Acme"}"#)
            #expect(try response.json()["hourly_rate"] is NSNull)
        }
    }

    @Test("the report values net value at the tenant's hourly rate, and a changed rate reaches the cached report")
    func reportUsesHourlyRate() async throws {
        try await withTestApplication { client, tokens in
            // A licence, so the report has costs (issue 22); no saving without data.
            var response = try await client.send(
                .put, "/v1/assistants/bot", token: tokens.adminA,
                body: #"{"tool": "siem", "monthly_cost": 3100, "currency": "USD"}"#)
            #expect(response.status == .created || response.status == .ok)
            let path = "/v1/report?from=2026-03-01&to=2026-04-01"
            func netValueStatus() async throws -> (rate: Any?, status: String?) {
                let report = try await client.send(.get, path, token: tokens.viewerA).json()
                let options = report["options"] as? [String: Any]
                let costs = report["costs"] as? [String: Any]
                return (options?["hourly_rate"], (costs?["net_value"] as? [String: Any])?["status"] as? String)
            }
            var seen = try await netValueStatus()
            #expect(seen.rate is NSNull || seen.rate == nil)
            #expect(seen.status == "no hourly rate")
            response = try await client.send(.put, "/v1/settings", token: tokens.adminA, body: #"{"hourly_rate": 120}"#)
            #expect(response.status == .ok)
            // The same request again: the settings changed the data fingerprint, so not the cached report.
            seen = try await netValueStatus()
            #expect(seen.rate as? Double == 120)
            #expect(seen.status == "no saving measured")
            response = try await client.send(.put, "/v1/settings", token: tokens.adminA, body: #"{}"#)
            seen = try await netValueStatus()
            #expect(seen.status == "no hourly rate")
        }
    }
}
