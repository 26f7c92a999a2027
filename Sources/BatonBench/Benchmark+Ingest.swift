import BatonCore
import BatonHTTP
import BatonSimulation
import BatonStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension Benchmark {
    /// Part (a): the same simulated records stored twice in the same tables: once through
    /// `POST /v1/events` (Baton's HTTP app in this process, `clients` concurrent clients, batches of
    /// about `batchTasks` tasks with their workflows), once by a raw COPY on as many connections.
    /// Request bodies and COPY text are prepared before either clock starts.
    func measureIngest(storage: PostgresStorage, endpoint: DatabaseEndpoint) async throws -> BenchResult.Ingest {
        let tenant = Self.ingestTenant
        let workflows = try BenchWorkload(tenant: tenant, tasksPerQuarter: ingestTasks, seed: seed &+ 1_000).quarter(0)
        let taskCount = workflows.reduce(0) { $0 + $1.tasks.count }
        let records = workflows.count + taskCount
        try await storage.tenants.ensureTenant(tenant, deliveryModel: .mssp, logger: logger)
        let token = try await storage.tokens.createToken(tenant: tenant, role: .ingest, label: "bench", logger: logger)

        var batches: [[SimulatedWorkflow]] = [[]]
        var tasksInBatch = 0
        for workflow in workflows {
            if tasksInBatch >= batchTasks {
                batches.append([])
                tasksInBatch = 0
            }
            batches[batches.count - 1].append(workflow)
            tasksInBatch += workflow.tasks.count
        }
        let bodies = batches.map { batch in
            Data(batch.flatMap(\.records).map { $0.ndjsonLine + "\n" }.joined().utf8)
        }
        note(
            "ingest: \(taskCount) tasks and \(workflows.count) workflows in \(bodies.count) requests, \(clients) clients"
        )

        let httpSeconds = try await postOverHTTP(bodies, token: token.secret, endpoint: endpoint)
        let storedOverHTTP = try await storage.bulkLoad.taskCount(tenant: tenant, logger: logger)
        guard storedOverHTTP == taskCount else {
            throw BenchError("HTTP ingest stored \(storedOverHTTP) of \(taskCount) tasks")
        }

        // The same rows again by COPY, into the same tables, emptied first.
        let shares = (0..<clients).map { c in stride(from: c, to: batches.count, by: clients).map { batches[$0] } }
        let workflowText = shares.map { $0.map { CopyText.workflows($0.map(\.workflow), tenant: tenant) } }
        let taskText = shares.map { $0.map { CopyText.tasks($0.map { ($0.workflow, $0.tasks) }, tenant: tenant) } }
        try await storage.bulkLoad.emptyRecordTables(logger: logger)
        let clock = ContinuousClock()
        let started = clock.now
        // Workflows first: tasks reference them.
        try await storage.bulkLoad.copy(workflowText, into: .workflows, logger: logger)
        try await storage.bulkLoad.copy(taskText, into: .tasks, logger: logger)
        let copySeconds = Self.seconds(clock.now - started)
        let storedByCopy = try await storage.bulkLoad.taskCount(tenant: tenant, logger: logger)
        guard storedByCopy == taskCount else { throw BenchError("COPY stored \(storedByCopy) of \(taskCount) tasks") }
        try await storage.bulkLoad.emptyRecordTables(logger: logger)

        let http = Double(records) / httpSeconds
        let copy = Double(records) / copySeconds
        note("ingest: HTTP \(httpSeconds) s (\(Int(http)) records/s), COPY \(copySeconds) s (\(Int(copy)) records/s)")
        return BenchResult.Ingest(
            workflows: workflows.count, tasks: taskCount, records: records, clients: clients, batchTasks: batchTasks,
            batches: bodies.count, httpSeconds: httpSeconds, httpRecordsPerSecond: http, copySeconds: copySeconds,
            copyRecordsPerSecond: copy, ratio: http / copy)
    }

    /// Posts `bodies` with `clients` clients (client `c` posts bodies c, c + clients, …) to the
    /// benchmark's own server. Returns the seconds from the first request to the last response.
    /// Every record must be accepted.
    func postOverHTTP(_ bodies: [Data], token: String, endpoint: DatabaseEndpoint) async throws -> Double {
        let clients = self.clients
        return try await serving(endpoint: endpoint) { port in
            let clock = ContinuousClock()
            let started = clock.now
            // Each client on a thread of its own with blocking sockets: cheap, and off the
            // cooperative pool the server runs on.
            try await withThrowingTaskGroup(of: Void.self) { posting in
                for c in 0..<clients {
                    let mine = stride(from: c, to: bodies.count, by: clients).map { bodies[$0] }
                    posting.addTask {
                        try await Self.postOnThread(mine, port: port, token: token)
                    }
                }
                try await posting.waitForAll()
            }
            return Self.seconds(clock.now - started)
        }
    }

    /// Serves Baton's HTTP app on a free loopback port while `body` runs with that port, then
    /// shuts it down gracefully.
    func serving<T: Sendable>(
        endpoint: DatabaseEndpoint, sessions: SessionStore = SessionStore(), _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        var configuration = ServiceConfiguration()
        configuration.port = try PortProbe.freePort()
        configuration.requestRateLimit = nil
        configuration.migrateOnStart = false
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let app = try buildApplication(
            configuration: configuration, database: endpoint, logger: quiet, sessions: sessions)
        let base = "http://127.0.0.1:\(configuration.port)"
        let session = URLSession(configuration: .ephemeral)
        // A service group of our own, so the server can be shut down gracefully when the clients
        // are done (cancelling it instead logs errors about the channels it was serving).
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            defer { group.cancelAll() }
            try await Self.waitUntilServing(base + "/healthz", session: session)
            let result = try await body(configuration.port)
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }

    static func waitUntilServing(_ url: String, session: URLSession) async throws {
        for _ in 0..<200 {
            if let (_, response) = try? await session.data(from: URL(string: url)!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError("the benchmark's HTTP server did not start")
    }

    /// Posts `bodies` one after another on one connection, on a new thread.
    static func postOnThread(_ bodies: [Data], port: Int, token: String) async throws {
        try await DedicatedThread.run {
            let connection = try BenchHTTPConnection(port: port)
            for body in bodies { try post(body, on: connection, token: token) }
        }
    }

    static func post(_ body: Data, on connection: BenchHTTPConnection, token: String) throws {
        let (status, data) = try connection.request(
            method: "POST", path: "/v1/events",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/x-ndjson")], body: body)
        let answer = (try? JSONSerialization.jsonObject(with: Data(data))) as? [String: Any]
        let rejected = (answer?["rejected"] as? [Any])?.count ?? -1
        guard status == 200, rejected == 0 else {
            throw BenchError("POST /v1/events answered \(status): \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
    }
}
