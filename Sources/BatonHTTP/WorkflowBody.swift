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
            leadSeconds = seconds(m.lead)
            touchSeconds = seconds(m.touch)
            waitSeconds = seconds(m.wait)
            effortSeconds = seconds(m.effort)
            intakeSeconds = seconds(m.intake)
            handoffWaitSeconds = seconds(m.handoffWait)
            closureSeconds = seconds(m.closure)
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

    struct Handoff: Encodable {
        /// The handoff's id: the id of the task it leads to.
        var id: String
        var kind: String
        var fromTask: String?
        var toTask: String
        var waitSeconds: Double
        var handedAt: String
        var fromTool: String?
        var toTool: String
        var fromStage: String?
        var toStage: String?
        var fromActor: String?
        var toActor: String?
        var crossTool: Bool
        var aiBoundary: Bool
        var contextCarried: Bool
        /// Who worked on each side (value-model §8): the assistant whose AI worked on the task, or
        /// `human`; no from side for the intake.
        var fromSide: String?
        var toSide: String
        /// The task whose output the to-task consumed (`context_from` within the case), and what
        /// became of its `context_from` (`linked`, `other-case`, `cycle`); see Docs/coordination.md.
        var producerTask: String?
        var lineage: String?
        var lineageWaitSeconds: Double?
        /// Time the to-task duplicated another worker's earlier work in the same stage.
        var duplicateSeconds: Double
        var tags: [Tag]

        init(_ h: WorkflowTimeline.Handoff) {
            let d = h.derived
            id = d.toTaskID
            kind = d.kind.rawValue
            fromTask = d.fromTaskID
            toTask = d.toTaskID
            waitSeconds = seconds(d.waitMicroseconds)
            handedAt = d.handedAt.rfc3339
            fromTool = d.fromTool
            toTool = d.toTool
            fromStage = d.fromStage?.rawValue
            toStage = d.toStage?.rawValue
            fromActor = d.fromActor
            toActor = d.toActor
            crossTool = d.crossTool
            aiBoundary = d.aiBoundary
            contextCarried = d.contextCarried
            let c = d.coordination
            fromSide = c.fromSide?.description
            toSide = c.toSide.description
            producerTask = c.producerTaskID
            lineage = c.lineage?.rawValue
            lineageWaitSeconds = c.lineageWaitMicroseconds.map(seconds)
            duplicateSeconds = seconds(c.duplicateMicroseconds)
            tags = h.tags.map {
                Tag(reason: $0.reason.rawValue, note: $0.note, taggedAt: $0.taggedAt.rfc3339)
            }
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
    var handoffs: [Handoff]

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
        handoffs = t.handoffs.map(Handoff.init)
    }
}

private func seconds(_ microseconds: Int64) -> Double {
    Double(microseconds) / 1_000_000
}
