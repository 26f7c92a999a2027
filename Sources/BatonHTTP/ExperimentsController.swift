import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// Experiments (value-model §7, `Docs/experiments.md`): `PUT /v1/experiments/{name}` and
/// `POST /v1/experiments/{name}/stop` (admin), `GET /v1/experiments[/{name}]` (viewer).
struct ExperimentsController {
    let experiments: any ExperimentRepository
    let configuration: ServiceConfiguration

    /// An experiment as the API shows it.
    struct ExperimentBody: ResponseEncodable {
        var status: ExperimentStatus
        var now: Timestamp

        func encode(to encoder: any Encoder) throws {
            let e = status.experiment
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(e.name, forKey: DynamicKey("name"))
            try c.encode(e.assistant, forKey: DynamicKey("assistant"))
            try c.encode(e.holdoutShare, forKey: DynamicKey("holdout_share"))
            try c.encode(e.taskTypes, forKey: DynamicKey("task_types"))
            try c.encode(e.startsAt.rfc3339, forKey: DynamicKey("starts_at"))
            try c.encode(e.endsAt?.rfc3339, forKey: DynamicKey("ends_at"))
            try c.encode(e.plannedSample, forKey: DynamicKey("planned_sample"))
            try c.encode(e.stoppedAt?.rfc3339, forKey: DynamicKey("stopped_at"))
            try c.encode(status.createdAt.rfc3339, forKey: DynamicKey("created_at"))
            try c.encode(status.state(at: now), forKey: DynamicKey("state"))
            try c.encode(status.running, forKey: DynamicKey("running"))
            try c.encode(
                ["use": status.useCount, "holdout": status.holdoutCount], forKey: DynamicKey("assignments"))
            try c.encode(status.assigned, forKey: DynamicKey("assigned"))
            try c.encode(status.progress, forKey: DynamicKey("progress"))
        }
    }

    struct ExperimentList: ResponseEncodable {
        var experiments: [ExperimentBody]
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.put("experiments/:name", use: put)
        group.get("experiments", use: list)
        group.get("experiments/:name", use: show)
        group.post("experiments/:name/stop", use: stop)
    }

    @Sendable func list(_ request: Request, context: BatonRequestContext) async throws -> ExperimentList {
        let identity = try context.require(.viewer)
        let all = try await Self.mapped {
            try await experiments.experiments(tenant: identity.tenantID, logger: context.logger)
        }
        let now = Timestamp.now
        return ExperimentList(experiments: all.map { ExperimentBody(status: $0, now: now) })
    }

    @Sendable func show(_ request: Request, context: BatonRequestContext) async throws -> ExperimentBody {
        try await named(.viewer, context: context) { name, tenant in
            try await experiments.experiment(named: name, tenant: tenant, logger: context.logger)
        }
    }

    /// A route on the experiment named in the path: the role checked, the store's refusals mapped.
    private func named(
        _ role: Role, context: BatonRequestContext,
        _ body: (_ name: String, _ tenant: String) async throws -> ExperimentStatus
    ) async throws -> ExperimentBody {
        let identity = try context.require(role)
        let name = try context.pathParameter("name")
        let status = try await Self.mapped { try await body(name, identity.tenantID) }
        return ExperimentBody(status: status, now: .now)
    }

    @Sendable func put(_ request: Request, context: BatonRequestContext) async throws
        -> EditedResponse<ExperimentBody>
    {
        let identity = try context.require(.admin)
        let name = try context.pathParameter("name")
        let body = try await request.body.collect(upTo: 64 * 1024)
        let expected =
            "body must be a JSON object such as {\"assistant\": \"siem-copilot\", \"holdout_share\": 0.2, \"planned_sample\": 2000}"
        guard case .object(let fields) = try JSONValue.requestBody(body, expected: expected) else {
            throw APIError(status: .badRequest, code: "malformed_body", message: expected)
        }
        let settings: ExperimentSettings
        switch ExperimentSettings.validated(name: name, fields: fields, limits: configuration.recordLimits) {
        case .success(let value): settings = value
        case .failure(let rejection):
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: rejection.error)
        }
        let (status, created) = try await Self.mapped {
            try await experiments.putExperiment(
                name: name, settings: settings, tenant: identity.tenantID, logger: context.logger)
        }
        return EditedResponse(status: created ? .created : .ok, response: ExperimentBody(status: status, now: .now))
    }

    @Sendable func stop(_ request: Request, context: BatonRequestContext) async throws -> ExperimentBody {
        try await named(.admin, context: context) { name, tenant in
            try await experiments.stopExperiment(named: name, tenant: tenant, logger: context.logger)
        }
    }

    /// Runs `body`, turning a refusal of the experiment store into its status: 404 unknown, 409 a
    /// conflict with what is stored, 422 invalid settings. Other errors pass on (store errors are
    /// mapped by ``ErrorMiddleware``).
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ExperimentError {
            throw APIError(error)
        }
    }
}

extension APIError {
    /// The status and code of an experiment refusal; the message names the experiment and the problem.
    init(_ error: ExperimentError) {
        switch error {
        case .notFound:
            self.init(status: .notFound, code: "not_found", message: error.description)
        case .alreadyStopped:
            self.init(status: .conflict, code: "experiment_stopped", message: error.description)
        case .settingLocked:
            self.init(status: .conflict, code: "experiment_running", message: error.description)
        case .assistantBusy:
            self.init(status: .conflict, code: "assistant_has_experiment", message: error.description)
        case .invalid:
            self.init(status: .unprocessableContent, code: "invalid_field", message: error.description)
        }
    }
}
