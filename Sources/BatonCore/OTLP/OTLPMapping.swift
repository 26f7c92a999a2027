import Foundation

/// A SOC's naming, for spans that do not carry Baton's `soc.*` attributes: which tool a service
/// is, and which stage and task type an operation is. Set with `BATON_OTLP_MAPPING` (inline JSON
/// or a path to a JSON file); see `Docs/otel.md`.
public struct OTLPMapping: Sendable, Hashable, Codable {
    /// `service.name` → tool (`siem`, `edr`, …), used when a span has no `soc.tool`.
    public var toolByService: [String: String]
    /// Span name or `gen_ai.operation.name` → stage, used when a span has no `soc.stage`.
    public var stageByOperation: [String: String]
    /// Span name or `gen_ai.operation.name` → task type, used when a span has no `soc.task.type`
    /// (else the span name is the task type).
    public var taskTypeByOperation: [String: String]
    /// Make every span a task, including the tool and model calls inside an agent run
    /// (default false: the agent run is the task).
    public var childSpansAsTasks: Bool

    public init(
        toolByService: [String: String] = [:], stageByOperation: [String: String] = [:],
        taskTypeByOperation: [String: String] = [:], childSpansAsTasks: Bool = false
    ) {
        self.toolByService = toolByService
        self.stageByOperation = stageByOperation
        self.taskTypeByOperation = taskTypeByOperation
        self.childSpansAsTasks = childSpansAsTasks
    }

    enum CodingKeys: String, CodingKey {
        case toolByService = "tool_by_service"
        case stageByOperation = "stage_by_operation"
        case taskTypeByOperation = "task_type_by_operation"
        case childSpansAsTasks = "child_spans_as_tasks"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        toolByService = try c.decodeIfPresent([String: String].self, forKey: .toolByService) ?? [:]
        stageByOperation = try c.decodeIfPresent([String: String].self, forKey: .stageByOperation) ?? [:]
        taskTypeByOperation = try c.decodeIfPresent([String: String].self, forKey: .taskTypeByOperation) ?? [:]
        childSpansAsTasks = try c.decodeIfPresent(Bool.self, forKey: .childSpansAsTasks) ?? false
    }

    /// Reads the setting's value: JSON when it starts with `{`, else the path of a JSON file.
    public init(setting: String) throws {
        let trimmed = setting.trimmingCharacters(in: .whitespacesAndNewlines)
        let data: Data
        if trimmed.hasPrefix("{") {
            data = Data(trimmed.utf8)
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: trimmed))
        }
        self = try JSONDecoder().decode(OTLPMapping.self, from: data)
    }
}
