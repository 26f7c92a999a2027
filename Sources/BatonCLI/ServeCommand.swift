import ArgumentParser
import BatonCore
import BatonHTTP
import Foundation
import Hummingbird
import Logging

/// `baton serve`: the collector, API and (later) web UI, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the collector and API (migrates the database first).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (default: $BATON_PORT, else 8080).")
    var port: Int?

    @Option(name: .customLong("max-body-bytes"), help: "Largest request body accepted, in bytes.")
    var maxBodyBytes: Int = 10 * 1024 * 1024

    @Option(
        name: .customLong("otlp-rate-limit"),
        help: "Requests per second each token may make to POST /v1/traces (bursts of twice that); over it, 429.")
    var otlpRateLimit: Double?

    @Flag(
        name: .customLong("secure-cookies"),
        help:
            "Mark web session cookies Secure even without TLS signs (behind a TLS proxy that sends no X-Forwarded-Proto)."
    )
    var secureCookies = false

    @Option(
        name: .customLong("rate-limit"),
        help: "Requests per second each API token may make on /v1 routes, bursts of twice that (0 turns it off).")
    var rateLimit: Double = 200

    @Option(
        name: .customLong("assignment-rate-limit"),
        help:
            "Requests per second each API token may make to POST /v1/assignments instead of --rate-limit, bursts of twice that (0 turns it off)."
    )
    var assignmentRateLimit: Double = 2000

    @Option(
        name: .customLong("token-cache-seconds"),
        help:
            "Seconds a successful token authentication is remembered; a token revoked elsewhere works here that long (0: ask the database every time)."
    )
    var tokenCacheSeconds: Double = 2

    @Option(
        name: .customLong("header-timeout"),
        help: "Seconds a connection may take to send a request head (also ends idle keep-alive connections).")
    var headerTimeout: Double = 30

    @Option(name: .customLong("body-timeout"), help: "Seconds a request may take to send its body after its head.")
    var bodyTimeout: Double = 60

    @Option(
        name: .customLong("max-batch-records"), help: "Records (or OTLP spans) accepted in one request; more get 413.")
    var maxBatchRecords: Int = 50_000

    @Option(
        name: .customLong("database-wait"),
        help: "Seconds a request waits for a database connection before it gets 503 with Retry-After.")
    var databaseWait: Double = 5

    @OptionGroup var overview: OverviewOptions

    @Option(
        name: .customLong("statistics-interval"),
        help: "Seconds between checks whether the planner's statistics lag the tables (0: never; autovacuum only).")
    var statisticsInterval: Double = 2

    @Option(
        name: .customLong("maintenance-interval"),
        help:
            "Seconds between maintenance passes: next months' partitions, rollups of changed months, retention (0: never)."
    )
    var maintenanceInterval: Double = 300

    @Option(
        name: .customLong("retention-months"),
        help:
            "Months of task rows kept, from the current month's start back; older months are dropped, their rollups kept (default: keep all)."
    )
    var retentionMonths: Int?

    @Option(name: .customLong("max-connections"), help: "Connections served at once; more wait until one closes.")
    var maxConnections: Int = 1000

    @Option(
        name: .customLong("max-in-flight-batches"),
        help: "Collector batches (POST /v1/events and /v1/traces) processed at once; beyond it, 503 with Retry-After.")
    var maxInFlightBatches: Int = 16

    @Option(
        name: .customLong("max-in-flight-bytes"),
        help:
            "Request bytes those batches may hold at once (at least --max-body-bytes); beyond it, 503 with Retry-After."
    )
    var maxInFlightBytes: Int = 64 * 1024 * 1024

    @Option(
        name: .customLong("shutdown-grace"),
        help:
            "Seconds a SIGTERM or SIGINT waits for the batches in flight before cancelling them (the process then exits)."
    )
    var shutdownGrace: Double = 30

    @OptionGroup var replica: ReplicaOptions

    /// A background service's interval: `nil` (off) for 0, else seconds up to `atMost`.
    static func interval(_ seconds: Double, option: String, atMost: Double) throws -> Duration? {
        guard seconds >= 0, seconds <= atMost else {
            throw ValidationError("\(option) must be 0 (off) or at most \(Int(atMost)) seconds")
        }
        return seconds == 0 ? nil : .milliseconds(Int64(seconds * 1000))
    }

    func run() async throws {
        let logger = try options.makeLogger()
        var configuration = ServiceConfiguration()
        configuration.host = host
        configuration.port = try port ?? options.environmentPort() ?? 8080
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive") }
        guard rateLimit >= 0, rateLimit.isFinite else { throw ValidationError("--rate-limit must be 0 or more") }
        guard assignmentRateLimit >= 0, assignmentRateLimit.isFinite else {
            throw ValidationError("--assignment-rate-limit must be 0 or more")
        }
        guard tokenCacheSeconds >= 0, tokenCacheSeconds <= 60 else {
            throw ValidationError("--token-cache-seconds must be from 0 to 60")
        }
        for (name, seconds) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout)] {
            guard seconds > 0, seconds <= 3600 else {
                throw ValidationError("\(name) must be more than 0 and at most 3600 seconds")
            }
        }
        guard databaseWait > 0, databaseWait <= 600 else {
            throw ValidationError("--database-wait must be more than 0 and at most 600 seconds")
        }
        configuration.databaseWait = .milliseconds(Int64(databaseWait * 1000))
        try overview.apply(to: &configuration)
        configuration.statisticsInterval = try Self.interval(
            statisticsInterval, option: "--statistics-interval", atMost: 3600)
        configuration.maintenanceInterval = try Self.interval(
            maintenanceInterval, option: "--maintenance-interval", atMost: 86_400)
        if let retentionMonths {
            guard retentionMonths >= 1, retentionMonths <= 1200 else {
                throw ValidationError("--retention-months must be from 1 to 1200")
            }
            guard maintenanceInterval > 0 else {
                throw ValidationError(
                    "--retention-months needs the maintenance service (--maintenance-interval above 0)")
            }
        }
        configuration.retentionMonths = retentionMonths
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be positive") }
        guard maxBatchRecords > 0 else { throw ValidationError("--max-batch-records must be positive") }
        configuration.maxBatchRecords = maxBatchRecords
        configuration.headerTimeout = .milliseconds(Int64(headerTimeout * 1000))
        configuration.bodyTimeout = .milliseconds(Int64(bodyTimeout * 1000))
        configuration.maxConnections = maxConnections
        configuration.maxBodyBytes = maxBodyBytes
        guard maxInFlightBatches > 0 else { throw ValidationError("--max-in-flight-batches must be positive") }
        guard maxInFlightBytes >= maxBodyBytes else {
            throw ValidationError("--max-in-flight-bytes must be at least --max-body-bytes (\(maxBodyBytes))")
        }
        configuration.maxInFlightBatches = maxInFlightBatches
        configuration.maxInFlightBytes = maxInFlightBytes
        guard shutdownGrace >= 0, shutdownGrace.isFinite else {
            throw ValidationError("--shutdown-grace must be 0 or more seconds")
        }
        configuration.shutdownGrace = .milliseconds(Int64((shutdownGrace * 1000).rounded()))
        configuration.secureCookies = secureCookies
        configuration.requestRateLimit = rateLimit > 0 ? rateLimit : nil
        configuration.assignmentRateLimit = assignmentRateLimit > 0 ? assignmentRateLimit : nil
        configuration.tokenCacheLifetime =
            tokenCacheSeconds > 0 ? .milliseconds(Int64((tokenCacheSeconds * 1000).rounded())) : nil
        if let otlpRateLimit {
            guard otlpRateLimit > 0 else { throw ValidationError("--otlp-rate-limit must be positive") }
            configuration.otlpRateLimit = otlpRateLimit
        }
        if let setting = options.environment["BATON_OTLP_MAPPING"], !setting.isEmpty {
            do {
                configuration.otlpMapping = try OTLPMapping(setting: setting)
            } catch {
                throw ValidationError(
                    "BATON_OTLP_MAPPING is not a valid mapping (inline JSON or a JSON file): \(error)")
            }
        }
        configuration.maxReplicaLag = try replica.maxLag()
        let readDatabase = try replica.endpoint(environment: options.environment)
        let database = try options.database(logger: logger)
        logger.info("using database", metadata: ["baton.database": "\(database)"])
        if let readDatabase {
            logger.info(
                "reading reports, pages and exports from a replica",
                metadata: [
                    "baton.read_database": "\(readDatabase)",
                    "baton.replica.max_lag_seconds": "\(replica.maxReplicaLag)",
                ])
        }
        let app = try buildApplication(
            configuration: configuration, database: database, readDatabase: readDatabase, logger: logger)
        try await app.runUntilTerminated(gracePeriod: configuration.shutdownGrace, logger: logger)
        logger.info("stopped")
    }
}
