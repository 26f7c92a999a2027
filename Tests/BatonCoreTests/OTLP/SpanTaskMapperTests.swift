import BatonCore
import Testing

@Suite("Spans to tasks")
struct SpanTaskMapperTests {
    static let now = Timestamp(rfc3339: "2026-03-03T00:00:00Z")!
    static let trace = "5b8efff798038103d269b633813fc60c"
    /// 2026-03-02T10:04:00Z in nanoseconds.
    static let start: UInt64 = 1_772_445_840_000_000_000

    static func span(
        _ id: String, parent: String = "", name: String = "invoke_agent siem-triage", seconds: UInt64 = 330,
        _ attributes: [String: OTLPAttributeValue] = [:]
    ) -> OTLPSpan {
        OTLPSpan(
            traceID: trace, spanID: id, parentSpanID: parent, name: name, startTimeUnixNano: start,
            endTimeUnixNano: start + seconds * 1_000_000_000, attributes: attributes)
    }

    static func convert(
        _ resources: [(service: String, spans: [OTLPSpan])], mapping: OTLPMapping = OTLPMapping()
    ) -> SpanConversion {
        let request = OTLPTraceRequest(
            resourceSpans: resources.map {
                OTLPResourceSpans(resourceAttributes: ["service.name": .string($0.service)], spans: $0.spans)
            })
        return SpanTaskMapper(mapping: mapping, validator: RecordValidator(now: now)).convert(request)
    }

    static func task(_ record: Record?) -> TaskRecord? {
        if case .task(let task)? = record { return task }
        return nil
    }

    @Test("an agent run with Baton's attributes becomes the task they describe")
    func agentRun() throws {
        let conversion = Self.convert([
            (
                "siem-triage-agent",
                [
                    Self.span(
                        "00000000000000a1",
                        [
                            "gen_ai.operation.name": .string("invoke_agent"),
                            "gen_ai.agent.name": .string("siem-copilot"), "soc.case.id": .string("INC-1042"),
                            "soc.tool": .string("siem"), "soc.stage": .string("triage"),
                            "soc.task.type": .string("alert-triage"), "gen_ai.usage.input_tokens": .int(900),
                        ])
                ]
            )
        ])
        #expect(conversion.rejections.isEmpty)
        let task = try #require(Self.task(conversion.records.first))
        #expect(
            task
                == TaskRecord(
                    id: "00000000000000a1", workflowID: "INC-1042", taskType: "alert-triage", stage: .triage,
                    tool: "siem", assistant: "siem-copilot", aiMode: .autonomous,
                    startedAt: Timestamp(rfc3339: "2026-03-02T10:04:00Z")!,
                    endedAt: Timestamp(rfc3339: "2026-03-02T10:09:30Z")!,
                    attributes: ["gen_ai.usage.input_tokens": .number(900)]))
    }

    @Test("workflow id: the span's soc.case.id or baton.workflow.id, else the resource's, else the trace id")
    func workflowID() {
        var viaResource = OTLPResourceSpans(
            resourceAttributes: ["service.name": .string("edr"), "baton.workflow.id": .string("INC-R")],
            spans: [Self.span("00000000000000b2", ["soc.tool": .string("edr")])])
        viaResource.spans.append(
            Self.span("00000000000000b3", ["soc.tool": .string("edr"), "baton.workflow.id": .string("INC-S")]))
        let conversion = SpanTaskMapper(validator: RecordValidator(now: Self.now)).convert(
            OTLPTraceRequest(resourceSpans: [
                viaResource,
                OTLPResourceSpans(
                    resourceAttributes: ["service.name": .string("edr")],
                    spans: [Self.span("00000000000000b4", ["soc.tool": .string("edr")])]),
            ]))
        #expect(conversion.records.compactMap { Self.task($0)?.workflowID } == ["INC-R", "INC-S", Self.trace])
    }

    @Test("ai_mode: autonomous for agents, assisted for a human with an assistant, none for humans and automation")
    func aiModes() {
        let base: [String: OTLPAttributeValue] = ["soc.tool": .string("siem")]
        let conversion = Self.convert([
            (
                "siem-svc",
                [
                    Self.span(
                        "0000000000000001", base.merging(["gen_ai.operation.name": .string("invoke_agent")]) { $1 }),
                    Self.span(
                        "0000000000000002",
                        base.merging([
                            "soc.actor.type": .string("human"), "gen_ai.agent.name": .string("copilot"),
                            "soc.actor.id": .string("analyst:ana"),
                        ]) { $1 }),
                    Self.span("0000000000000003", base.merging(["soc.actor.type": .string("human")]) { $1 }),
                    Self.span("0000000000000004", base.merging(["soc.actor.type": .string("automation")]) { $1 }),
                ]
            )
        ])
        let tasks = conversion.records.compactMap(Self.task)
        #expect(tasks.map(\.aiMode) == [.autonomous, .assisted, .none, .none])
        #expect(tasks.map(\.assistant) == ["siem-svc", "copilot", nil, nil])
        #expect(tasks[1].actor == "analyst:ana")
    }

    @Test("the configured maps give tool, stage and task type; a span without a tool is rejected by name")
    func configuredMaps() {
        let mapping = OTLPMapping(
            toolByService: ["edr-agent": "edr"], stageByOperation: ["isolate-host": "response"],
            taskTypeByOperation: ["isolate-host": "host-isolation"])
        let conversion = Self.convert(
            [
                ("edr-agent", [Self.span("00000000000000c1", name: "isolate-host")]),
                ("unknown-svc", [Self.span("00000000000000c2", name: "whatever")]),
            ], mapping: mapping)
        let task = Self.task(conversion.records.first)
        #expect(task?.tool == "edr")
        #expect(task?.stage == .response)
        #expect(task?.taskType == "host-isolation")
        #expect(conversion.rejections.count == 1)
        #expect(conversion.rejections.first?.contains("span 00000000000000c2: no tool") == true)
        #expect(conversion.rejections.first?.contains("unknown-svc") == true)
        #expect(conversion.errorMessage.hasPrefix("1 span(s) rejected: span 00000000000000c2"))
    }

    @Test("the collector's validation applies: a bad stage is rejected naming the field")
    func validation() {
        let conversion = Self.convert([
            ("siem", [Self.span("00000000000000d1", ["soc.tool": .string("siem"), "soc.stage": .string("lunch")])])
        ])
        #expect(conversion.records.isEmpty)
        #expect(conversion.rejections.first?.contains("field 'stage'") == true)
    }

    @Test("tool and model calls inside an agent run are folded into it, unless configured otherwise")
    func childSpans() {
        let tool: [String: OTLPAttributeValue] = ["soc.tool": .string("siem")]
        let spans = [
            Self.span("00000000000000e1", tool.merging(["gen_ai.operation.name": .string("invoke_agent")]) { $1 }),
            Self.span(
                "00000000000000e2", parent: "00000000000000e1", name: "chat gpt-4o",
                tool.merging(["gen_ai.operation.name": .string("chat")]) { $1 }),
            Self.span(
                "00000000000000e3", parent: "00000000000000e1", name: "execute_tool lookup",
                tool.merging(["gen_ai.operation.name": .string("execute_tool")]) { $1 }),
        ]
        var conversion = Self.convert([("siem", spans)])
        #expect(conversion.records.map(\.id) == ["00000000000000e1"])
        #expect(conversion.folded == 2)
        conversion = Self.convert([("siem", spans)], mapping: OTLPMapping(childSpansAsTasks: true))
        #expect(conversion.records.count == 3)
        #expect(conversion.folded == 0)
        // Children inherit nothing: a child of the same service has no context_from.
        #expect(Self.task(conversion.records[1])?.contextFrom == nil)
    }

    @Test("token counts of the run and its folded model calls, old and new names, become the task's attributes")
    func tokenUsage() throws {
        let tool: [String: OTLPAttributeValue] = ["soc.tool": .string("siem")]
        let spans = [
            Self.span(
                "00000000000000f1",
                tool.merging([
                    "gen_ai.operation.name": .string("invoke_agent"), "gen_ai.usage.input_tokens": .int(100),
                    "gen_ai.provider.name": .string("openai"),
                ]) { $1 }),
            Self.span(
                "00000000000000f2", parent: "00000000000000f1", name: "chat",
                [
                    "gen_ai.usage.prompt_tokens": .string("1200"), "gen_ai.usage.completion_tokens": .int(180),
                    "gen_ai.request.model": .string("gpt-4o"),
                ]),
            Self.span(
                "00000000000000f3", parent: "00000000000000f2", name: "nested call",
                ["gen_ai.usage.input_tokens": .int(5), "gen_ai.usage.output_tokens": .double(7)]),
        ]
        let conversion = Self.convert([("siem", spans)])
        let task = try #require(Self.task(conversion.records.first))
        #expect(task.attributes?["gen_ai.usage.input_tokens"] == .number(1_305))
        #expect(task.attributes?["gen_ai.usage.output_tokens"] == .number(187))
        #expect(task.attributes?["gen_ai.provider.name"] == .string("openai"))
        #expect(task.attributes?["gen_ai.request.model"] == .string("gpt-4o"))
        // A span without usage gets no attributes at all.
        let plain = Self.convert([("siem", [Self.span("00000000000000f4", tool)])])
        #expect(Self.task(plain.records.first)?.attributes == nil)
    }

    @Test("context_from: a link, else a parent in another process or service")
    func contextFrom() {
        let tool: [String: OTLPAttributeValue] = ["soc.tool": .string("edr")]
        var linked = Self.span("00000000000000f2", tool)
        linked.links = [OTLPLink(traceID: "0102030405060708090a0b0c0d0e0f10", spanID: "00000000000000f1")]
        var remote = Self.span("00000000000000f3", parent: "00000000000000aa", tool)
        remote.flags = 0x300
        let otherService = Self.span("00000000000000f4", parent: "00000000000000f0", tool)
        let conversion = Self.convert([
            ("siem", [Self.span("00000000000000f0", ["soc.tool": .string("siem")])]),
            ("edr", [linked, remote, otherService]),
        ])
        #expect(conversion.rejections.isEmpty)
        #expect(
            conversion.records.compactMap { Self.task($0)?.contextFrom }
                == ["00000000000000f1", "00000000000000aa", "00000000000000f0"])
    }

    @Test("mapping settings read from inline JSON; unknown keys are ignored, missing ones default")
    func mappingSetting() throws {
        let mapping = try OTLPMapping(setting: #" {"tool_by_service": {"a": "siem"}, "other": 1} "#)
        #expect(mapping == OTLPMapping(toolByService: ["a": "siem"]))
        #expect(throws: (any Error).self) { try OTLPMapping(setting: "/nonexistent/mapping.json") }
    }
}
