import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `POST /v1/assignments` (ingest): a tool asks which arm a case is in before the assistant would
/// work on it (`Docs/experiments.md`). `{"workflow_id", "assistant"}` answers
/// `{"arm", "experiment", "assigned_at", …}`; `{"assignments": [...]}` (at most 1,000) answers
/// `{"assignments": [...]}` in the same order.
struct AssignmentsController {
    let experiments: any ExperimentRepository
    let configuration: ServiceConfiguration

    struct AssignmentBody: ResponseEncodable {
        var assignment: ArmAssignment

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(assignment.workflowID, forKey: DynamicKey("workflow_id"))
            try c.encode(assignment.assistant, forKey: DynamicKey("assistant"))
            try c.encode(assignment.arm.rawValue, forKey: DynamicKey("arm"))
            try c.encode(assignment.experiment, forKey: DynamicKey("experiment"))
            try c.encode(assignment.assignedAt?.rfc3339, forKey: DynamicKey("assigned_at"))
        }
    }

    struct AssignmentList: ResponseEncodable {
        var assignments: [AssignmentBody]
    }

    /// One answer or a list of them, as the request was.
    enum Answer: ResponseGenerator {
        case single(AssignmentBody)
        case batch(AssignmentList)

        func response(from request: Request, context: some RequestContext) throws -> Response {
            switch self {
            case .single(let body): return try body.response(from: request, context: context)
            case .batch(let list): return try list.response(from: request, context: context)
            }
        }
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.post("assignments", use: post)
    }

    static let expected =
        "body must be a JSON object {\"workflow_id\": \"INC-1042\", \"assistant\": \"siem-copilot\"}, or {\"assignments\": [such objects]}"

    @Sendable func post(_ request: Request, context: BatonRequestContext) async throws -> Answer {
        let identity = try context.require(.ingest)
        // 1,000 requests of two identifiers each fit well within 512 KiB.
        let body = try await request.body.collect(upTo: min(configuration.maxBodyBytes, 512 * 1024))
        guard case .object(let fields) = try JSONValue.requestBody(body, expected: Self.expected) else {
            throw APIError(status: .badRequest, code: "malformed_body", message: Self.expected)
        }
        if let list = fields["assignments"] {
            guard case .array(let items) = list, fields.count == 1 else {
                throw APIError(status: .badRequest, code: "malformed_body", message: Self.expected)
            }
            guard items.count <= ArmAssignment.maxBatch else {
                // 422, not 413: the body is small; its list is longer than the contract allows.
                throw APIError(
                    status: .unprocessableContent, code: "batch_too_large",
                    message:
                        "field 'assignments' holds \(items.count) items; at most \(ArmAssignment.maxBatch) per request: split it"
                )
            }
            let requests = try items.enumerated().map { index, item in
                try Self.request(item, prefix: "assignments[\(index)]: ")
            }
            let answers = try await assign(requests, identity: identity, context: context)
            return .batch(AssignmentList(assignments: answers.map(AssignmentBody.init)))
        }
        let answers = try await assign(
            [try Self.request(.object(fields), prefix: "")], identity: identity, context: context)
        guard let answer = answers.first else { throw APIError.internalError }
        return .single(AssignmentBody(assignment: answer))
    }

    private func assign(_ requests: [AssignmentRequest], identity: Identity, context: BatonRequestContext)
        async throws -> [ArmAssignment]
    {
        try await ExperimentsController.mapped {
            try await experiments.assign(requests, tenant: identity.tenantID, logger: context.logger)
        }
    }

    /// One question, validated: `workflow_id` and `assistant`, identifiers; 422 naming the field.
    static func request(_ item: JSONValue, prefix: String) throws -> AssignmentRequest {
        guard case .object(let fields) = item else {
            throw APIError(
                status: .unprocessableContent, code: "invalid_field",
                message: prefix + "must be a JSON object {\"workflow_id\", \"assistant\"}")
        }
        switch AssignmentRequest.validated(fields: fields) {
        case .success(let request): return request
        case .failure(let rejection):
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: prefix + rejection.error)
        }
    }
}
