package import BatonCore
package import BatonReports
package import BatonStore
import HTTPTypes
package import Hummingbird
package import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// Builds Baton's HTTP application on a database: the `PostgresClient` pool runs as a service of
/// the application, and pending migrations are applied before the server binds.
/// `baton serve`, `baton demo` and the tests all assemble the service here.
///
/// With `readDatabase`, a streaming replica of `database`, the reports, the web pages' report,
/// handoff and workflow reads and the exports read from it while ``ReplicaMonitor`` finds it up
/// and within ``ServiceConfiguration/maxReplicaLag``; its pool and the monitor run as services too.
package func buildApplication(
    configuration: ServiceConfiguration, database: DatabaseEndpoint, readDatabase: DatabaseEndpoint? = nil,
    logger: Logger, sessions: SessionStore = SessionStore(), inFlight: InFlightLimiter? = nil
) throws -> some ApplicationProtocol {
    let clientConfiguration = database.clientConfiguration()
    let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
    let migrations = try Migration.bundled()
    let readClient = readDatabase.map {
        PostgresClient(configuration: $0.clientConfiguration(), backgroundLogger: logger)
    }
    let storage = {
        var storage = PostgresStorage(
            client: client, migrations: migrations,
            maximumConnections: clientConfiguration.options.maximumConnections)
        storage.database.leaseLimit = configuration.databaseWait
        storage.database.probeLimit = configuration.databaseWait
        if let readClient, let readDatabase {
            var replica = PostgresDatabase(
                client: readClient, migrations: migrations,
                maximumConnections: readDatabase.clientConfiguration().options.maximumConnections)
            replica.isReplica = true
            replica.leaseLimit = configuration.databaseWait
            replica.probeLimit = configuration.databaseWait
            storage.readRouting = ReadRouting(primary: storage.database, replica: replica)
        }
        return storage
    }()
    let monitor = storage.readRouting.map {
        ReplicaMonitor(
            routing: $0, interval: configuration.replicaCheckInterval, maxLag: configuration.maxReplicaLag,
            logger: logger)
    }
    let replicaState = storage.readRouting?.state
    // One report service for the API, the pages and the overview's background builds, so they
    // share its cache.
    let reports = ReportService(source: storage.repositories.reports, cache: ReportCache())
    let background = configuration.overviewWait.map { _ in BackgroundReports(reports: reports) }
    let router = buildRouter(
        repositories: storage.repositories, configuration: configuration, sessions: sessions,
        metrics: BatonMetrics(poolUsage: storage.database.poolUsage, replica: replicaState), replica: replicaState,
        inFlight: inFlight, reports: reports, background: background)
    let (headerTimeout, bodyTimeout) = (
        TimeAmount(configuration.headerTimeout), TimeAmount(configuration.bodyTimeout)
    )
    var app = Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [
                    SlowClientHandler(headerTimeout: headerTimeout, bodyTimeout: bodyTimeout, logger: logger)
                ])),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "baton",
            availableConnectionsDelegate: .maximum(configuration.maxConnections, logger: logger)),
        // After the clients, so they stop first on shutdown while the pools still serve them.
        services: [client as any Service] + (readClient.map { [$0] } ?? []) + (monitor.map { [$0] } ?? [])
            + (configuration.statisticsInterval.map {
                [StatisticsRefresher(maintenance: storage.maintenance, interval: $0, logger: logger)]
            } ?? [])
            + (configuration.maintenanceInterval.map {
                [
                    PartitionMaintainer(
                        maintenance: storage.maintenance, interval: $0, retentionMonths: configuration.retentionMonths,
                        logger: logger)
                ]
            } ?? [])
            + (background.map { [$0] } ?? []),
        logger: logger)
    app.beforeServerStarts {
        if configuration.migrateOnStart {
            let applied = try await storage.maintenance.migrate(logger: logger)
            if !applied.isEmpty {
                logger.info("migrations applied", metadata: ["baton.migrations": "\(applied)"])
            }
        }
        if (try? await storage.tokens.activeTokenCount(logger: logger)) == 0 {
            logger.notice(
                "no API tokens yet: create one with `baton token create --tenant default --role admin` (or --role ingest for a collector)"
            )
        }
    }
    return app
}

/// The routes of the contract, on any repositories: each controller gets the concerns it uses.
/// Without `reports` the router makes its own report service on `repositories`; without
/// `background` (a service that must run beside the router) the overview builds on the request.
package func buildRouter(
    repositories: Repositories, configuration: ServiceConfiguration, sessions: SessionStore = SessionStore(),
    metrics: BatonMetrics = BatonMetrics(), replica: ReplicaState? = nil, inFlight: InFlightLimiter? = nil,
    reports: ReportService? = nil, background: BackgroundReports? = nil
) -> Router<BatonRequestContext> {
    let inFlight =
        inFlight
        ?? InFlightLimiter(
            maxBatches: configuration.maxInFlightBatches, maxBytes: configuration.maxInFlightBytes, metrics: metrics)
    let requestLimiter = configuration.requestRateLimit.map { RateLimiter(ratePerSecond: $0) }
    let assignmentLimiter = configuration.assignmentRateLimit.map { RateLimiter(ratePerSecond: $0) }
    let tokens: any TokenRepository =
        configuration.tokenCacheLifetime.map { CachedTokenRepository(base: repositories.tokens, lifetime: $0) }
        ?? repositories.tokens
    // One report service for the API and the pages, so they share its cache.
    let reports = reports ?? ReportService(source: repositories.reports, cache: ReportCache())
    let addRoutes = { (router: Router<BatonRequestContext>, routes: RouteTable) in
        router.get("metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.exposition)))
        }
        HealthController(maintenance: repositories.maintenance, replica: replica).addRoutes(to: router)
        let api = router.group("v1").add(middleware: AuthenticationMiddleware(tokens: tokens))
        // Assignments have a budget of their own (ServiceConfiguration.assignmentRateLimit).
        let assignments = router.group("v1").add(middleware: AuthenticationMiddleware(tokens: tokens))
        // OTLP exporters are answered in their own encoding even before authentication: a group of
        // its own whose outermost middleware turns errors into google.rpc.Status for protobuf.
        // The text check runs inside it too, so that its 400 reaches a protobuf exporter as a Status.
        let otlp = router.group("v1").add(middleware: OTLPStatusMiddleware())
            .add(middleware: InputTextMiddleware(routes: routes))
            .add(middleware: AuthenticationMiddleware(tokens: tokens))
        if let requestLimiter {
            api.add(middleware: RateLimitMiddleware(limiter: requestLimiter))
            otlp.add(middleware: RateLimitMiddleware(limiter: requestLimiter))
        }
        if let assignmentLimiter { assignments.add(middleware: RateLimitMiddleware(limiter: assignmentLimiter)) }
        EventsController(ingest: repositories.ingest, configuration: configuration, metrics: metrics, limiter: inFlight)
            .addRoutes(to: api)
        TracesController(
            ingest: repositories.ingest, configuration: configuration, inFlight: inFlight, metrics: metrics
        )
        .addRoutes(to: otlp)
        AssistantsController(tenants: repositories.tenants, configuration: configuration).addRoutes(to: api)
        SettingsController(tenants: repositories.tenants, configuration: configuration).addRoutes(to: api)
        PricesController(costs: repositories.costs, configuration: configuration).addRoutes(to: api)
        WorkflowsController(reports: repositories.reports).addRoutes(to: api)
        ReportController(reports: reports).addRoutes(to: api)
        CoordinationController(reports: repositories.reports).addRoutes(to: api)
        HandoffsController(handoffs: repositories.handoffs).addRoutes(to: api)
        WebController(
            tokens: tokens, handoffs: repositories.handoffs, experiments: repositories.experiments,
            interventions: repositories.interventions, reports: reports, background: background, sessions: sessions,
            configuration: configuration
        )
        .addRoutes(to: router)
        ExportController(reports: reports).addRoutes(to: api)
        PerceptionsController(ingest: repositories.ingest, configuration: configuration).addRoutes(to: api)
        ExperimentsController(experiments: repositories.experiments, configuration: configuration).addRoutes(to: api)
        InterventionsController(
            interventions: repositories.interventions, reports: reports, configuration: configuration
        )
        .addRoutes(to: api)
        AssignmentsController(experiments: repositories.experiments, configuration: configuration)
            .addRoutes(to: assignments)
    }
    // The route table first, from a router that only lists the routes (nothing runs on it), so
    // that the middlewares below can name path parameters and answer 405.
    let routes = {
        let listing = Router(context: BatonRequestContext.self)
        addRoutes(listing, RouteTable([]))
        return RouteTable(listing.routes)
    }()
    let router = Router(context: BatonRequestContext.self)
    // Outermost, so error responses carry the headers too.
    router.add(middleware: SecurityHeadersMiddleware())
    // Before the others, so that their log lines carry the request id too.
    router.add(middleware: RequestIDMiddleware())
    // Outside the error middleware, so it counts the status clients actually get.
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware())
    // Before authentication and every route: hostile text never reaches a handler or the database.
    router.add(middleware: InputTextMiddleware(routes: routes, exempt: [(.post, "/v1/traces")]))
    addRoutes(router, routes)
    // After every route, so it wraps only the not-found responder: 405 with Allow for a known path.
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
    return router
}
