import BatonCore
import BatonStore
import Foundation
import Hummingbird
import Logging
import NIOFoundationEssentialsCompat

/// `POST /v1/traces`: OTLP/HTTP trace export (`Docs/otel.md`). Spans become task records and go
/// through the collector's validation and storage, so handoffs are derived exactly as for
/// `POST /v1/events`.
///
/// Status codes follow the OTLP specification, because exporters act on them: 200 with
/// `partial_success` when some spans are unusable (an exporter must not retry those), 400 for an
/// undecodable body, and 503 with `Retry-After` when the database is unavailable (exporters
/// retry 503 but drop the batch on 500).
struct TracesController {
    let ingest: any IngestRepository
    let configuration: ServiceConfiguration
    let limiter: RateLimiter?
    let inFlight: InFlightLimiter
    let metrics: BatonMetrics

    init(
        ingest: any IngestRepository, configuration: ServiceConfiguration, inFlight: InFlightLimiter,
        metrics: BatonMetrics
    ) {
        self.ingest = ingest
        self.metrics = metrics
        self.configuration = configuration
        self.limiter = configuration.otlpRateLimit.map { RateLimiter(ratePerSecond: $0) }
        self.inFlight = inFlight
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.post("traces", use: post)
    }

    @Sendable func post(_ request: Request, context: BatonRequestContext) async throws -> Response {
        let identity = try context.require(.ingest)
        guard let encoding = OTLPEncoding(contentType: request.headers[.contentType]) else {
            throw APIError(
                status: .unsupportedMediaType, code: "unsupported_media_type",
                message: "send application/x-protobuf or application/json (OTLP/HTTP)")
        }
        // Errors reach a protobuf client as a google.rpc.Status (`OTLPStatusMiddleware`).
        if let limiter, let wait = await limiter.admit(identity.tokenID) {
            throw APIError(
                status: .tooManyRequests, code: "rate_limited",
                message: "over this token's rate limit for /v1/traces; retry after \(wait) s",
                headers: [.retryAfter: "\(wait)"])
        }
        let response = try await export(request, encoding: encoding, tenant: identity.tenantID, context: context)
        return Self.response(.ok, encoding: encoding, body: encoding == .json ? response.json : response.protobuf)
    }

    private func export(
        _ request: Request, encoding: OTLPEncoding, tenant: String, context: BatonRequestContext
    ) async throws -> OTLPExportResponse {
        let clock = ContinuousClock()
        let received = clock.now
        // Admitted before the body is read, held until the batch is answered.
        var permit = try inFlight.admit(declaredBytes: request.declaredLength(upTo: configuration.maxBodyBytes))
        defer { inFlight.release(permit) }
        var body = try await inFlight.collect(request.body, upTo: configuration.maxBodyBytes, permit: &permit)
        var gzipped = false
        switch request.headers[.contentEncoding]?.lowercased() {
        case nil, "", "identity": break
        case "gzip":
            body = try body.gunzipped(limit: configuration.maxBodyBytes)
            // The inflated body is held alongside the compressed one.
            try inFlight.grow(&permit, to: permit.bytes + body.readableBytes)
            gzipped = true
        case let other?:
            throw APIError(
                status: .unsupportedMediaType, code: "unsupported_media_type",
                message: "Content-Encoding '\(other.prefix(32))' is not supported; send gzip or no encoding")
        }
        let collected = clock.now
        let traces: OTLPTraceRequest
        do {
            switch encoding {
            case .protobuf: traces = try OTLPTraceRequest(protobuf: Array(buffer: body))
            case .json: traces = try OTLPTraceRequest(json: Data(buffer: body))
            }
        } catch {
            throw APIError(
                status: .badRequest, code: "malformed_body", message: "undecodable OTLP body: \(error.message)")
        }
        guard traces.spanCount <= configuration.maxBatchRecords else {
            throw APIError.batchTooLarge(count: traces.spanCount, limit: configuration.maxBatchRecords, unit: "spans")
        }
        let mapper = SpanTaskMapper(
            mapping: configuration.otlpMapping,
            validator: RecordValidator(now: .now, limits: configuration.recordLimits))
        let conversion = mapper.convert(traces)
        // Spans were sent and none is usable: refused as a whole, naming the first few and the
        // field at fault (OTLP: "otherwise invalid", permanent, so 400), as the collector
        // answers a batch with no acceptable record. Some usable spans: partial_success below.
        if conversion.records.isEmpty, !conversion.rejections.isEmpty {
            metrics.recordBatch(accepted: 0, duplicates: 0, rejectedErrors: conversion.rejections)
            throw APIError(status: .badRequest, code: "no_acceptable_spans", message: conversion.errorMessage)
        }
        let converted = clock.now
        var result = IngestResult()
        if !conversion.records.isEmpty {
            result = try await ingest.ingest(conversion.records, tenant: tenant, logger: context.logger)
        }
        let stored = clock.now
        // Spans count as records in /metrics, as the same records would through /v1/events.
        metrics.recordBatch(
            accepted: result.accepted, duplicates: result.duplicates, rejectedErrors: conversion.rejections)
        context.logger.info(
            "spans stored",
            metadata: [
                "baton.otlp.encoding": "\(encoding == .json ? "json" : "protobuf")\(gzipped ? "+gzip" : "")",
                "baton.spans.count": "\(traces.spanCount)", "baton.spans.folded": "\(conversion.folded)",
                "baton.spans.rejected": "\(conversion.rejections.count)",
                "baton.records.accepted": "\(result.accepted)", "baton.records.duplicates": "\(result.duplicates)",
                "baton.workflows.recomputed": "\(result.workflowsRecomputed)",
                "baton.timing.body_ms": "\(EventsController.milliseconds(collected - received))",
                "baton.timing.parse_ms": "\(EventsController.milliseconds(converted - collected))",
                "baton.timing.store_ms": "\(EventsController.milliseconds(stored - converted))",
            ])
        if !conversion.rejections.isEmpty {
            context.logger.warning(
                "spans rejected", metadata: ["baton.otlp.partial_success": "\(conversion.errorMessage)"])
        }
        return OTLPExportResponse(rejectedSpans: conversion.rejections.count, errorMessage: conversion.errorMessage)
    }

    private static func response(_ status: HTTPResponse.Status, encoding: OTLPEncoding, body: [UInt8]) -> Response {
        Response(
            status: status, headers: [.contentType: encoding.contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
