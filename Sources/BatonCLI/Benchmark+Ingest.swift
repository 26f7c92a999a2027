import BatonCore
import BatonHTTP
import BatonSimulation
import BatonStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
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
        let storedOverHTTP = try await Self.count(
            storage, "SELECT count(*)::int8 FROM tasks WHERE tenant_id = \(tenant)", logger: logger)
        guard storedOverHTTP == taskCount else {
            throw CLIError("HTTP ingest stored \(storedOverHTTP) of \(taskCount) tasks")
        }

        // The same rows again by COPY, into the same tables, emptied first.
        let shares = (0..<clients).map { c in stride(from: c, to: batches.count, by: clients).map { batches[$0] } }
        let workflowText = shares.map { $0.map { Self.copyWorkflows($0, tenant: tenant) } }
        let taskText = shares.map { $0.map { Self.copyTasks($0, tenant: tenant) } }
        try await truncateRecords(storage)
        let clock = ContinuousClock()
        let started = clock.now
        // Workflows first: tasks reference them.
        try await copy(workflowText, table: "workflows", columns: Self.workflowColumns, storage: storage)
        try await copy(taskText, table: "tasks", columns: Self.taskColumns, storage: storage)
        let copySeconds = Self.seconds(clock.now - started)
        let storedByCopy = try await Self.count(
            storage, "SELECT count(*)::int8 FROM tasks WHERE tenant_id = \(tenant)", logger: logger)
        guard storedByCopy == taskCount else { throw CLIError("COPY stored \(storedByCopy) of \(taskCount) tasks") }
        try await truncateRecords(storage)

        let http = Double(records) / httpSeconds
        let copy = Double(records) / copySeconds
        note("ingest: HTTP \(httpSeconds) s (\(Int(http)) records/s), COPY \(copySeconds) s (\(Int(copy)) records/s)")
        return BenchResult.Ingest(
            workflows: workflows.count, tasks: taskCount, records: records, clients: clients, batchTasks: batchTasks,
            batches: bodies.count, httpSeconds: httpSeconds, httpRecordsPerSecond: http, copySeconds: copySeconds,
            copyRecordsPerSecond: copy, ratio: http / copy)
    }

    /// Serves Baton's HTTP app on a free loopback port while `clients` clients post `bodies`
    /// (client `c` posts bodies c, c + clients, …). Returns the seconds from the first request to
    /// the last response. Every record must be accepted.
    func postOverHTTP(_ bodies: [Data], token: String, endpoint: DatabaseEndpoint) async throws -> Double {
        var configuration = ServiceConfiguration()
        configuration.port = try PortProbe.freePort()
        configuration.requestRateLimit = nil
        configuration.migrateOnStart = false
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let app = try buildApplication(configuration: configuration, database: endpoint, logger: quiet)
        let base = "http://127.0.0.1:\(configuration.port)"
        let session = URLSession(configuration: .ephemeral)
        let clients = self.clients
        // A service group of our own, so the server can be shut down gracefully when the clients
        // are done (cancelling it instead logs errors about the channels it was serving).
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            defer { group.cancelAll() }
            try await Self.waitUntilServing(base + "/healthz", session: session)
            let clock = ContinuousClock()
            let started = clock.now
            // Each client on a thread of its own with blocking sockets: cheap, and off the
            // cooperative pool the server runs on.
            let port = configuration.port
            try await withThrowingTaskGroup(of: Void.self) { posting in
                for c in 0..<clients {
                    let mine = stride(from: c, to: bodies.count, by: clients).map { bodies[$0] }
                    posting.addTask {
                        try await Self.postOnThread(mine, port: port, token: token)
                    }
                }
                try await posting.waitForAll()
            }
            let seconds = Self.seconds(clock.now - started)
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return seconds
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
        throw CLIError("the benchmark's HTTP server did not start")
    }

    /// Posts `bodies` one after another on one connection, on a new thread.
    static func postOnThread(_ bodies: [Data], port: Int, token: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    let connection = try BenchHTTPConnection(port: port)
                    for body in bodies { try post(body, on: connection, token: token) }
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    static func post(_ body: Data, on connection: BenchHTTPConnection, token: String) throws {
        let (status, data) = try connection.request(
            method: "POST", path: "/v1/events",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/x-ndjson")], body: body)
        let answer = (try? JSONSerialization.jsonObject(with: Data(data))) as? [String: Any]
        let rejected = (answer?["rejected"] as? [Any])?.count ?? -1
        guard status == 200, rejected == 0 else {
            throw CLIError("POST /v1/events answered \(status): \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
    }

    /// Empties the record tables (assistants and tenants stay, as after a retention purge).
    func truncateRecords(_ storage: PostgresStorage) async throws {
        try await storage.database.client.query(
            "TRUNCATE workflows, tasks, task_keys, handoffs, handoff_tags", logger: logger)
    }

    /// COPY of prepared text: share `i` on its own connection, all shares at once.
    func copy(_ shares: [[String]], table: String, columns: [String], storage: PostgresStorage) async throws {
        let logger = self.logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            for share in shares where !share.isEmpty {
                group.addTask {
                    try await storage.database.client.withConnection { connection in
                        // Table and column names are this file's constants, never input.
                        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                            for piece in share { try await writer.write(ByteBuffer(string: piece)) }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static let workflowColumns = [
        "tenant_id", "workflow_id", "reported", "opened_at", "closed_at", "severity", "category", "outcome",
    ]
    static let taskColumns = [
        "tenant_id", "task_id", "workflow_id", "task_type", "stage", "tool", "actor", "assistant", "ai_mode",
        "started_at", "ended_at", "context_from", "attributes", "opened_month",
    ]

    static func copyWorkflows(_ workflows: [SimulatedWorkflow], tenant: String) -> String {
        var text = ""
        for w in workflows.map(\.workflow) {
            let fields: [String?] = [
                tenant, w.workflowID, "t", w.openedAt.rfc3339, w.closedAt?.rfc3339, w.severity?.rawValue, w.category,
                w.outcome,
            ]
            text += fields.map(copyField).joined(separator: "\t") + "\n"
        }
        return text
    }

    static func copyTasks(_ workflows: [SimulatedWorkflow], tenant: String) -> String {
        let encoder = JSONEncoder()
        var text = ""
        for workflow in workflows {
            // The partition key ingest writes too: the month of the workflow's opening (migration 0010).
            let month = String(workflow.workflow.openedAt.utcMonthStart.rfc3339.prefix(10))
            for t in workflow.tasks {
                let attributes = t.attributes.flatMap { try? encoder.encode($0) }.map {
                    String(decoding: $0, as: UTF8.self)
                }
                let fields: [String?] = [
                    tenant, t.id, t.workflowID, t.taskType, t.stage?.rawValue, t.tool, t.actor, t.assistant,
                    t.aiMode.rawValue, t.startedAt.rfc3339, t.endedAt?.rfc3339, t.contextFrom, attributes, month,
                ]
                text += fields.map(copyField).joined(separator: "\t") + "\n"
            }
        }
        return text
    }

    /// A value in COPY's text format: `\N` for NULL, backslash escapes for the characters the
    /// format gives meaning to.
    static func copyField(_ value: String?) -> String {
        guard let value else { return "\\N" }
        // By scalar: "\r\n" is one Character, so a character-wise test would miss it.
        let special: Set<Unicode.Scalar> = ["\\", "\t", "\n", "\r"]
        guard value.unicodeScalars.contains(where: special.contains) else { return value }
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
