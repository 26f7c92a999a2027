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
}
