import BatonCore
import BatonStore
import Foundation
import Hummingbird
import Logging
import NIOFoundationEssentialsCompat

/// `POST /v1/events`: the collector.
struct EventsController {
    let ingest: any IngestRepository
    let configuration: ServiceConfiguration
    let metrics: BatonMetrics
    let limiter: InFlightLimiter

    struct Rejected: Encodable, Sendable {
        var index: Int
        var id: String?
        var error: String

        init(_ r: RecordRejection) {
            index = r.index
            id = r.id
            error = r.error
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(index, forKey: DynamicKey("index"))
            try container.encode(id, forKey: DynamicKey("id"))  // null when the record had no readable id
            try container.encode(error, forKey: DynamicKey("error"))
        }
    }

    struct Accepted: ResponseEncodable {
        var accepted: Int
        var duplicates: Int
        var rejected: [Rejected]
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.post("events", use: post)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.wholeMilliseconds
    }

    @Sendable func post(_ request: Request, context: BatonRequestContext) async throws -> Accepted {
        let identity = try context.require(.ingest)
        guard let format = BatchFormat(contentType: request.headers[.contentType]) else {
            throw APIError(
                status: .unsupportedMediaType, code: "unsupported_media_type",
                message:
                    "unsupported content type '\(String((request.headers[.contentType] ?? "none").prefix(60)))': send application/json or application/x-ndjson"
            )
        }
        let clock = ContinuousClock()
        let received = clock.now
        // Admitted before the body is read, held until the batch is answered.
        var permit = try limiter.admit(declaredBytes: request.declaredLength(upTo: configuration.maxBodyBytes))
        defer { limiter.release(permit) }
        let body = try await limiter.collect(request.body, upTo: configuration.maxBodyBytes, permit: &permit)
        let collected = clock.now
        let items: [BatchParser.Item]
        do {
            items = try BatchParser.parse(Data(buffer: body), format: format)
        } catch {
            throw APIError(status: .badRequest, code: "malformed_body", message: error.message)
        }
        guard items.count <= configuration.maxBatchRecords else {
            throw APIError.batchTooLarge(count: items.count, limit: configuration.maxBatchRecords, unit: "records")
        }

        let validator = RecordValidator(now: .now, limits: configuration.recordLimits)
        var records: [Record] = []
        var rejected: [RecordRejection] = []
        records.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            switch item {
            case .success(let value):
                switch validator.validate(value, index: index) {
                case .success(let record): records.append(record)
                case .failure(let rejection): rejected.append(rejection)
                }
            case .failure(let rejection):
                rejected.append(rejection)
            }
        }
        guard !records.isEmpty else {
            metrics.recordBatch(accepted: 0, duplicates: 0, rejectedErrors: rejected.map(\.error))
            throw APIError(
                status: .unprocessableContent, code: "no_acceptable_records",
                message: items.isEmpty
                    ? "the batch holds no records" : "no record in the batch is acceptable; see 'rejected'",
                details: [
                    "accepted": JSONValueEncodable(0), "duplicates": JSONValueEncodable(0),
                    "rejected": JSONValueEncodable(rejected.map(Rejected.init)),
                ])
        }
        let validated = clock.now
        let result = try await ingest.ingest(records, tenant: identity.tenantID, logger: context.logger)
        let stored = clock.now
        metrics.recordBatch(
            accepted: result.accepted, duplicates: result.duplicates, rejectedErrors: rejected.map(\.error))
        context.logger.info(
            "batch stored",
            metadata: [
                "baton.records.count": "\(items.count)", "baton.records.accepted": "\(result.accepted)",
                "baton.records.duplicates": "\(result.duplicates)",
                "baton.records.rejected": "\(rejected.count)",
                "baton.workflows.recomputed": "\(result.workflowsRecomputed)",
                "baton.timing.body_ms": "\(Self.milliseconds(collected - received))",
                "baton.timing.parse_ms": "\(Self.milliseconds(validated - collected))",
                "baton.timing.store_ms": "\(Self.milliseconds(stored - validated))",
            ])
        return Accepted(
            accepted: result.accepted, duplicates: result.duplicates,
            rejected: rejected.map(Rejected.init))
    }
}
