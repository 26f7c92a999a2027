import BatonTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BatonHTTP

@Suite("In-flight limit on POST /v1/events and /v1/traces", .timeLimit(.minutes(10)))
struct InFlightLimiterTests {
    /// A batch of one closed workflow with `tasks` chained tasks (each hands its context on).
    static func batch(_ workflow: String, tasks: Int) -> String {
        var lines = [
            #"{"type": "workflow", "workflow_id": "\#(workflow)", "opened_at": "2026-03-02T10:00:00Z", "closed_at": "2026-03-02T20:00:00Z"}"#
        ]
        for index in 0..<tasks {
            let context = index == 0 ? "" : #", "context_from": "\#(workflow)-t\#(index - 1)""#
            lines.append(
                #"{"type": "task", "id": "\#(workflow)-t\#(index)", "workflow_id": "\#(workflow)", "task_type": "triage", "tool": "\#(index % 2 == 0 ? "siem" : "edr")", "ai_mode": "none", "started_at": "2026-03-02T1\#(index % 10):0\#(index % 6):00Z"\#(context)}"#
            )
        }
        return lines.joined(separator: "\n")
    }

    static func post(_ client: any TestClientProtocol, _ body: String, token: String) async throws -> TestResponse {
        try await client.send(.post, "/v1/events", token: token, contentType: "application/x-ndjson", body: body)
    }

    static func expectOverloaded(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .serviceUnavailable, sourceLocation: sourceLocation)
        #expect(response.headers[.retryAfter] == "1", sourceLocation: sourceLocation)
        #expect(response.errorCode == "overloaded", sourceLocation: sourceLocation)
    }

    @Test("beyond the batch or byte bound: 503 with Retry-After, nothing of the batch stored; within it: stored")
    func bounds() async throws {
        let metrics = BatonMetrics()
        let limiter = InFlightLimiter(maxBatches: 2, maxBytes: 8192, metrics: metrics)
        try await withTestApplication(
            configure: { $0.maxBodyBytes = 4096 }, inFlight: limiter
        ) { client, tokens in
            let batchA = Self.batch("WF-A", tasks: 3)
            // Two batches already in flight: the third is refused before its body is read.
            let first = try limiter.admit(declaredBytes: 0)
            let second = try limiter.admit(declaredBytes: 0)
            Self.expectOverloaded(try await Self.post(client, batchA, token: tokens.ingestA))
            let traces = try await client.send(
                .post, "/v1/traces", token: tokens.ingestA, body: #"{"resourceSpans": []}"#)
            Self.expectOverloaded(traces)
            #expect(try await client.send(.get, "/v1/workflows/WF-A", token: tokens.viewerA).status == .notFound)

            limiter.release(second)
            var response = try await Self.post(client, batchA, token: tokens.ingestA)
            #expect(response.status == .ok)
            #expect(try response.json()["accepted"] as? Int == 4)

            // One batch slot is free, but the bytes in flight leave less room than the next batch declares.
            limiter.release(first)
            let large = try limiter.admit(declaredBytes: 8192 - 100)
            let batchB = Self.batch("WF-B", tasks: 2)
            #expect(batchB.utf8.count > 100)
            Self.expectOverloaded(try await Self.post(client, batchB, token: tokens.ingestA))
            #expect(try await client.send(.get, "/v1/workflows/WF-B", token: tokens.viewerA).status == .notFound)
            limiter.release(large)
            response = try await Self.post(client, batchB, token: tokens.ingestA)
            #expect(response.status == .ok)
            #expect(try response.json()["accepted"] as? Int == 3)

            // Over the body limit is still 413, not 503.
            response = try await Self.post(client, Self.batch("WF-C", tasks: 40), token: tokens.ingestA)
            #expect(response.status == .contentTooLarge)

            let exposition = metrics.exposition
            #expect(exposition.contains(#"baton_ingest_refused_total{bound="batches"} 2"#))
            #expect(exposition.contains(#"baton_ingest_refused_total{bound="bytes"} 1"#))
            #expect(exposition.contains("baton_ingest_in_flight_batches 0"))
            #expect(exposition.contains("baton_ingest_in_flight_bytes 0"))
        }
    }

    @Test("concurrent batches over a one-batch limit: each is stored completely or refused completely")
    func concurrentBatches() async throws {
        let count = 8
        let tasksPerBatch = 150
        try await withTestApplication(configure: { $0.maxInFlightBatches = 1 }) { client, tokens in
            let statuses = try await withThrowingTaskGroup(of: (Int, TestResponse).self) { group in
                for index in 0..<count {
                    group.addTask {
                        (
                            index,
                            try await Self.post(
                                client, Self.batch("WF-\(index)", tasks: tasksPerBatch), token: tokens.ingestA)
                        )
                    }
                }
                var responses: [Int: TestResponse] = [:]
                for try await (index, response) in group { responses[index] = response }
                return responses
            }
            var stored = 0
            var refused = 0
            for index in 0..<count {
                let response = try #require(statuses[index])
                let timeline = try await client.send(.get, "/v1/workflows/WF-\(index)", token: tokens.viewerA)
                if response.status == .ok {
                    stored += 1
                    #expect(try response.json()["accepted"] as? Int == tasksPerBatch + 1)
                    #expect(timeline.status == .ok)
                    #expect((try timeline.json()["tasks"] as? [Any])?.count == tasksPerBatch)
                } else {
                    refused += 1
                    Self.expectOverloaded(response)
                    #expect(timeline.status == .notFound)
                }
            }
            #expect(stored >= 1)
            #expect(refused >= 1)
            #expect(stored + refused == count)
        }
    }
}
