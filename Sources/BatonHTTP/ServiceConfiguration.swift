package import BatonCore

/// Settings of the HTTP service. Defaults are the documented ones (`Docs/configuration.md`).
package struct ServiceConfiguration: Sendable {
    /// Address to listen on (`--host`, default 127.0.0.1: only this machine).
    package var host: String = "127.0.0.1"
    /// Port to listen on (`--port`, `BATON_PORT`, default 8080).
    package var port: Int = 8080
    /// Largest request body accepted, in bytes (default 10 MiB); larger bodies get 413.
    package var maxBodyBytes: Int = 10 * 1024 * 1024
    /// Records (or OTLP spans) accepted in one request (`--max-batch-records`, default 50,000);
    /// more get 413, before anything is stored.
    package var maxBatchRecords: Int = 50_000
    /// Field limits applied to every record.
    package var recordLimits = RecordLimits()
    /// Apply pending migrations before the server binds (default true).
    package var migrateOnStart: Bool = true
    /// Mark web cookies `Secure` even when the request does not look like TLS (default false; set
    /// it when a TLS proxy in front of Baton does not send `X-Forwarded-Proto`).
    package var secureCookies: Bool = false
    /// Requests per second each token may make on `/v1` routes, with bursts of twice that
    /// (`--rate-limit`, default 200; `nil` turns the limit off). Over it: 429 with `Retry-After`.
    package var requestRateLimit: Double? = 200
    /// Requests per second each token may make to `POST /v1/assignments`, instead of
    /// ``requestRateLimit``, with bursts of twice that (`--assignment-rate-limit`, default 2,000;
    /// `nil` turns it off). A tool asks once per case, in its critical path, and an ask costs far
    /// less than a batch of records. Over it: 429 with `Retry-After`.
    package var assignmentRateLimit: Double? = 2000
    /// How long a successful token authentication is remembered (`--token-cache-seconds`,
    /// default 2 s; `nil` asks the database on every request). A token revoked by another
    /// process keeps working on this one for at most that long (``CachedTokenRepository``).
    package var tokenCacheLifetime: Duration? = .seconds(2)

    /// How OTLP spans map to tasks where they lack Baton's `soc.*` attributes
    /// (`BATON_OTLP_MAPPING`, `Docs/otel.md`).
    package var otlpMapping = OTLPMapping()

    /// Requests per second each token may make to `POST /v1/traces` (bursts of twice that);
    /// `nil` (the default) for no limit. Over it: 429 with `Retry-After`.
    package var otlpRateLimit: Double? = nil

    /// How long a connection may take to send a complete request head, counted from when it
    /// opened or its last response ended (`--header-timeout`, default 30 s). It also closes idle
    /// keep-alive connections.
    package var headerTimeout: Duration = .seconds(30)
    /// How long a request may take to send its whole body after its head (`--body-timeout`,
    /// default 60 s: a 10 MiB batch needs at least 175 KB/s).
    package var bodyTimeout: Duration = .seconds(60)
    /// Connections served at once (`--max-connections`, default 1,000); further connections wait
    /// in the listen backlog until one closes.
    package var maxConnections: Int = 1000
    /// Collector batches (`POST /v1/events` and `/v1/traces`) processed at once
    /// (`--max-in-flight-batches`, default 16); beyond it, 503 with `Retry-After`.
    package var maxInFlightBatches: Int = 16
    /// Request bytes those batches may hold at once (`--max-in-flight-bytes`, default 64 MiB);
    /// beyond it, 503 with `Retry-After`. At least ``maxBodyBytes``, so that any acceptable body fits.
    package var maxInFlightBytes: Int = 64 * 1024 * 1024

    /// How long a SIGTERM or SIGINT waits for the requests in flight before cancelling them
    /// (`--shutdown-grace`, default 30 s).
    package var shutdownGrace: Duration = .seconds(30)

    /// How long a request waits for a database connection (or authentication and readiness for
    /// an answer) before it gets 503 with `Retry-After` (`--database-wait`, default 5 s). Work that
    /// has its connection is never cut short.
    package var databaseWait: Duration = .seconds(5)

    /// How long the overview (`/`) waits for a period's report it has not built yet before it
    /// shows the period's rollup figures (``ReportPreview``) and reloads itself while the report is
    /// built in the background (`--overview-wait`, default 0.15 s). `nil`: the page waits for the
    /// report, built on the request (the tests of other pages use it).
    package var overviewWait: Duration? = .milliseconds(150)

    /// How often the service checks whether the planner's statistics lag the tables and refreshes
    /// them (`--statistics-interval`, default 2 s; `nil` turns it off). See ``StatisticsRefresher``.
    package var statisticsInterval: Duration? = .seconds(2)
    /// How often the maintenance service creates the coming months' partitions, recomputes the
    /// rollups of changed months and applies the retention (`--maintenance-interval`, default
    /// 300 s; `nil` turns it off). See ``PartitionMaintainer``.
    package var maintenanceInterval: Duration? = .seconds(300)
    /// Months of rows kept, counting the current month's start back (`--retention-months`;
    /// default `nil`: kept forever). Older months' rows are dropped and their rollups kept.
    package var retentionMonths: Int? = nil

    /// How far a read replica's replay may lag the primary before reads go to the primary
    /// instead (`--max-replica-lag`, default 30 s). See ``ReplicaMonitor``.
    package var maxReplicaLag: Duration = .seconds(30)
    /// How often the replica's lag is measured (default 2 s): how long reads may still go to a
    /// replica that has just failed or fallen behind, and stay on the primary after it recovered.
    package var replicaCheckInterval: Duration = .seconds(2)

    package init() {}
}
