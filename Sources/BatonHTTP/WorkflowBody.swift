import BatonCore
import Hummingbird

/// JSON of `GET /v1/workflows/{id}`. Durations are seconds (microsecond precision); `null` means
/// unknown or not applicable (an open workflow has no lead time).
struct WorkflowBody: ResponseEncodable {
    struct Metrics: Encodable {
        var leadSeconds: Double
        var touchSeconds: Double
        var waitSeconds: Double
        var effortSeconds: Double
        var intakeSeconds: Double
        var handoffWaitSeconds: Double
        var closureSeconds: Double
        var flowEfficiency: Double?

        init(_ m: WorkflowMetrics) {
            leadSeconds = JSONCoding.seconds(m.lead)
            touchSeconds = JSONCoding.seconds(m.touch)
            waitSeconds = JSONCoding.seconds(m.wait)
            effortSeconds = JSONCoding.seconds(m.effort)
            intakeSeconds = JSONCoding.seconds(m.intake)
            handoffWaitSeconds = JSONCoding.seconds(m.handoffWait)
            closureSeconds = JSONCoding.seconds(m.closure)
            flowEfficiency = m.flowEfficiency
        }
    }

    struct Task: Encodable {
        var id: String
        var taskType: String
        var stage: String?
        var tool: String
        var actor: String?
        var assistant: String?
        var aiMode: String
        var startedAt: String
        var endedAt: String?
        var contextFrom: String?
        /// Free attributes such as GenAI token counts; names kept as sent.
        var attributes: [String: JSONValue]?

        init(_ t: TaskRecord) {
            id = t.id
            taskType = t.taskType
            stage = t.stage?.rawValue
            tool = t.tool
            actor = t.actor
            assistant = t.assistant
            aiMode = t.aiMode.rawValue
            startedAt = t.startedAt.rfc3339
            endedAt = t.endedAt?.rfc3339
            contextFrom = t.contextFrom
            attributes = t.attributes
        }
    }

    struct Tag: Encodable {
        var reason: String
        var note: String?
        var taggedAt: String
    }

    /// A handoff of the timeline with its tags: ``BatonCore/Handoff``'s shared and timeline
    /// fields (``BatonCore/Handoff/encodeSharedFields(to:)``) and `tags`.
    struct TimelineHandoff: Encodable {
        var handoff: Handoff
        var tags: [Tag]

        init(_ h: WorkflowTimeline.TaggedHandoff) {
            handoff = h.handoff
            tags = h.tags.map {
                Tag(reason: $0.reason.rawValue, note: $0.note, taggedAt: $0.taggedAt.rfc3339)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Handoff.JSONKey.self)
            try handoff.encodeSharedFields(to: &container)
            try handoff.encodeTimelineFields(to: &container)
            try container.encode(tags, forKey: "tags")
        }
    }

    var workflowId: String
    var reported: Bool
    var openedAt: String?
    var closedAt: String?
    var severity: String?
    var category: String?
    var outcome: String?
    var effectiveOpenedAt: String?
    var openedAtInferred: Bool
    var aiTouched: Bool
    var pingPong: Bool
    var metrics: Metrics?
    var tasks: [Task]
    var handoffs: [TimelineHandoff]

    init(_ t: WorkflowTimeline) {
        workflowId = t.workflowID
        reported = t.reported
        openedAt = t.openedAt?.rfc3339
        closedAt = t.closedAt?.rfc3339
        severity = t.severity?.rawValue
        category = t.category
        outcome = t.outcome
        effectiveOpenedAt = t.effectiveOpenedAt?.rfc3339
        openedAtInferred = t.openedAtInferred
        aiTouched = t.aiTouched
        pingPong = t.pingPong
        metrics = t.metrics.map(Metrics.init)
        tasks = t.tasks.map(Task.init)
        handoffs = t.handoffs.map(TimelineHandoff.init)
    }
}
