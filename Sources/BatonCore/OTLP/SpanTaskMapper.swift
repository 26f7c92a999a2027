/// Maps OTLP spans to task records (`Docs/otel.md`), then validates each with the collector's own
/// ``RecordValidator`` so that a span-made task obeys exactly the rules of a posted one.
///
/// A span is a task when it is a root span, an agent run (`gen_ai.operation.name` =
/// `invoke_agent`), explicitly a task (`soc.task.type`), or its parent is in another process or
/// service. Other spans are the tool and model calls inside a run and are folded into it.
public struct SpanTaskMapper: Sendable {
    public var mapping: OTLPMapping
    public var validator: RecordValidator

    public init(mapping: OTLPMapping = OTLPMapping(), validator: RecordValidator) {
        self.mapping = mapping
        self.validator = validator
    }

    public func convert(_ request: OTLPTraceRequest) -> SpanConversion {
        var conversion = SpanConversion()
        // Which service each span of this request belongs to: a parent in another service is a handoff.
        var serviceOfSpan: [String: String] = [:]
        for resource in request.resourceSpans {
            let service = resource.resourceAttributes["service.name"]?.text ?? ""
            for span in resource.spans { serviceOfSpan[span.spanID] = service }
        }
        // Which spans become tasks, and the GenAI usage of each task: its own plus that of the
        // model and tool calls folded into it (the nearest task among their ancestors).
        var isTaskSpan: [String: Bool] = [:]
        var parentOf: [String: String] = [:]
        for resource in request.resourceSpans {
            let service = resource.resourceAttributes["service.name"]?.text ?? ""
            for span in resource.spans {
                let parentService = serviceOfSpan[span.parentSpanID]
                let crosses =
                    !span.parentSpanID.isEmpty
                    && (span.parentIsRemote || (parentService != nil && parentService != service))
                isTaskSpan[span.spanID] = mapping.childSpansAsTasks || isTask(span, crossesService: crosses)
                parentOf[span.spanID] = span.parentSpanID
            }
        }
        var usage: [String: GenAIUsage] = [:]
        for resource in request.resourceSpans {
            for span in resource.spans {
                var owner = span.spanID
                var steps = 0
                while isTaskSpan[owner] != true, let parent = parentOf[owner], !parent.isEmpty, steps < 64 {
                    owner = parent
                    steps += 1
                }
                guard isTaskSpan[owner] == true else { continue }
                usage[owner, default: GenAIUsage()].add(span.attributes)
            }
        }
        var index = 0
        for resource in request.resourceSpans {
            let service = resource.resourceAttributes["service.name"]?.text
            for span in resource.spans {
                defer { index += 1 }
                let parentService = serviceOfSpan[span.parentSpanID]
                let crossesService =
                    !span.parentSpanID.isEmpty
                    && (span.parentIsRemote || (parentService != nil && parentService != service))
                if !mapping.childSpansAsTasks, !isTask(span, crossesService: crossesService) {
                    conversion.folded += 1
                    continue
                }
                let label = span.spanID.isEmpty ? "#\(index)" : span.spanID
                switch record(
                    span, resource: resource, service: service, crossesService: crossesService,
                    usage: usage[span.spanID])
                {
                case .failure(let reason):
                    conversion.rejections.append("span \(label): \(reason.message)")
                case .success(let value):
                    switch validator.validate(value, index: index) {
                    case .success(let record): conversion.records.append(record)
                    case .failure(let rejection): conversion.rejections.append("span \(label): \(rejection.error)")
                    }
                }
            }
        }
        return conversion
    }

    private func isTask(_ span: OTLPSpan, crossesService: Bool) -> Bool {
        span.parentSpanID.isEmpty || crossesService
            || span.attributes["gen_ai.operation.name"]?.text == "invoke_agent"
            || span.attributes["soc.task.type"] != nil
    }

    /// The span as a loosely-typed task record, for the validator.
    private func record(
        _ span: OTLPSpan, resource: OTLPResourceSpans, service: String?, crossesService: Bool, usage: GenAIUsage?
    ) -> Result<JSONValue, OTLPDecodingError> {
        func attribute(_ names: String...) -> String? {
            for name in names {
                if let text = span.attributes[name]?.text, !text.isEmpty { return text }
            }
            return nil
        }
        func resourceAttribute(_ names: String...) -> String? {
            for name in names {
                if let text = resource.resourceAttributes[name]?.text, !text.isEmpty { return text }
            }
            return nil
        }
        guard !span.spanID.isEmpty else { return .failure(OTLPDecodingError("no span id")) }
        guard span.startTimeUnixNano > 0 else { return .failure(OTLPDecodingError("no start time")) }
        let operation = attribute("gen_ai.operation.name")
        guard
            let tool = attribute("soc.tool") ?? resourceAttribute("soc.tool")
                ?? service.flatMap({ mapping.toolByService[$0] })
        else {
            return .failure(
                OTLPDecodingError(
                    "no tool: set the attribute 'soc.tool', or map service '\(service ?? "")' in tool_by_service of BATON_OTLP_MAPPING"
                ))
        }
        let agentName = attribute("gen_ai.agent.name")
        let actorType = attribute("soc.actor.type")?.lowercased()
        let aiMode: AIMode
        let assistant: String?
        switch actorType {
        case "human":
            aiMode = agentName == nil ? .none : .assisted
            assistant = agentName
        case nil, "agent", "ai", "assistant":
            aiMode = .autonomous
            assistant = agentName ?? service
        default:  // automation without AI, such as a SOAR playbook
            aiMode = .none
            assistant = nil
        }
        var fields: [String: JSONValue] = [
            "type": .string("task"),
            "id": .string(span.spanID),
            "workflow_id": .string(
                attribute("soc.case.id", "baton.workflow.id")
                    ?? resourceAttribute("soc.case.id", "baton.workflow.id") ?? span.traceID),
            "task_type": .string(
                attribute("soc.task.type") ?? lookup(mapping.taskTypeByOperation, span.name, operation) ?? span.name),
            "tool": .string(tool),
            "ai_mode": .string(aiMode.rawValue),
            "started_at": .string(Self.timestamp(span.startTimeUnixNano).rfc3339),
        ]
        if let stage = attribute("soc.stage") ?? lookup(mapping.stageByOperation, span.name, operation) {
            fields["stage"] = .string(stage)
        }
        if let assistant { fields["assistant"] = .string(assistant) }
        if let actor = attribute("soc.actor.id", "soc.actor", "enduser.id") { fields["actor"] = .string(actor) }
        if span.endTimeUnixNano > 0 {
            fields["ended_at"] = .string(Self.timestamp(span.endTimeUnixNano).rfc3339)
        }
        if let link = span.links.first(where: { !$0.spanID.isEmpty }) {
            fields["context_from"] = .string(link.spanID)
        } else if crossesService {
            fields["context_from"] = .string(span.parentSpanID)
        }
        if let attributes = usage?.attributes, !attributes.isEmpty { fields["attributes"] = .object(attributes) }
        return .success(.object(fields))
    }

    private func lookup(_ map: [String: String], _ name: String, _ operation: String?) -> String? {
        map[name] ?? operation.flatMap { map[$0] }
    }

    /// Nanoseconds since the epoch, truncated to Baton's microseconds.
    static func timestamp(_ nanoseconds: UInt64) -> Timestamp {
        Timestamp(microseconds: Int64(clamping: nanoseconds / 1000))
    }
}
