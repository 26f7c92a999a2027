package import BatonStore
import Foundation
import Prometheus

/// Baton's Prometheus metrics, served at `GET /metrics` in the text exposition format. One
/// registry per application (not the process-wide `MetricsSystem`, which can be bootstrapped only
/// once and would mix the test applications of one process).
package final class BatonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Request latency buckets, 5 ms to 30 s.
    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// The storage's count of operations using the database pool, read at each exposition.
    let poolUsage: PoolUsage?

    /// The read replica's state (`--read-database-url`), read at each exposition.
    let replica: ReplicaState?

    package init(poolUsage: PoolUsage? = nil, replica: ReplicaState? = nil) {
        self.poolUsage = poolUsage
        self.replica = replica
    }

    func requests(method: String, route: String, status: Int) -> Counter {
        registry.makeCounter(
            descriptor: .init(
                namespace: "baton", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests by method, route template and status"),
            labels: [("method", method), ("route", route), ("status", String(status))])
    }

    func latency(method: String, route: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "baton", metricName: "http_request_duration", unitName: "seconds",
                helpText: "HTTP request latency by method and route template"),
            labels: [("method", method), ("route", route)], buckets: Self.buckets)
    }

    /// Records stored, found duplicate, or rejected (by the field the rejection names).
    func records(_ outcome: String, field: String = "") -> Counter {
        var labels = [("outcome", outcome)]
        if !field.isEmpty { labels.append(("field", field)) }
        return registry.makeCounter(
            descriptor: .init(
                namespace: "baton", metricName: "records", unitName: "total",
                helpText: "Collector records by outcome (accepted, duplicate, rejected with the field named)"),
            labels: labels)
    }

    var inFlightBytes: Gauge {
        registry.makeGauge(
            descriptor: .init(
                namespace: "baton", metricName: "ingest_in_flight", unitName: "bytes",
                helpText: "Request bytes held by collector batches admitted and not yet answered"))
    }

    var inFlightBatches: Gauge {
        registry.makeGauge(
            descriptor: .init(
                namespace: "baton", metricName: "ingest_in_flight", unitName: "batches",
                helpText: "Collector batches admitted and not yet answered (POST /v1/events and /v1/traces)"))
    }

    /// Batches refused at the in-flight limit, by the bound they would have crossed.
    func ingestRefused(_ bound: String) -> Counter {
        registry.makeCounter(
            descriptor: .init(
                namespace: "baton", metricName: "ingest_refused", unitName: "total",
                helpText: "Collector batches refused with 503 at the in-flight limit, by bound (batches or bytes)"),
            labels: [("bound", bound)])
    }

    var inFlightRequests: Gauge {
        registry.makeGauge(
            descriptor: .init(
                namespace: "baton", metricName: "http_in_flight", unitName: "requests",
                helpText: "HTTP requests being processed"))
    }

    /// Counts one collector batch's outcome.
    func recordBatch(accepted: Int, duplicates: Int, rejectedErrors: [String]) {
        if accepted > 0 { records("accepted").increment(by: Int64(accepted)) }
        if duplicates > 0 { records("duplicate").increment(by: Int64(duplicates)) }
        for error in rejectedErrors { records("rejected", field: Self.field(in: error)).increment() }
    }

    /// The field a rejection message names (`field 'x'`, `missing required field 'x'`), else `record`.
    static func field(in message: String) -> String {
        guard let start = message.range(of: "'")?.upperBound,
            let end = message[start...].firstIndex(of: "'")
        else { return "record" }
        let name = message[start..<end]
        guard (1...40).contains(name.count), name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return "record" }
        return String(name)
    }

    /// The text exposition of every metric.
    package var exposition: String {
        if let poolUsage {
            registry.makeGauge(
                descriptor: .init(
                    namespace: "baton", metricName: "db_operations", unitName: "in_flight",
                    helpText: "Database operations waiting for or holding a pooled connection")
            ).set(Int64(poolUsage.inFlight))
            registry.makeGauge(
                descriptor: .init(
                    namespace: "baton", metricName: "db_pool_max", unitName: "connections",
                    helpText: "Largest number of connections the database pool opens")
            ).set(Int64(poolUsage.maximumConnections))
        }
        if let replica {
            let status = replica.status
            // NaN while the lag is unknown (replica down or not yet checked): no figure is better
            // than the last one, which would look current.
            registry.makeGauge(
                descriptor: .init(
                    namespace: "baton", metricName: "replica_lag", unitName: "seconds",
                    helpText: "Seconds of the primary's writes the read replica has not replayed (an upper bound)")
            ).set(status.lagSeconds ?? .nan)
            registry.makeGauge(
                descriptor: .init(
                    namespace: "baton", metricName: "replica_in_use", unitName: "",
                    helpText: "1 while reads go to the read replica, 0 while they go to the primary")
            ).set(Int64(status.usable ? 1 : 0))
        }
        return registry.emitToString()
    }
}
