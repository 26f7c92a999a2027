import BatonCore

extension Handoff {
    /// A key of a handoff's JSON object, named as in Swift: the API encoder's snake_case strategy
    /// turns `fromTool` into `from_tool`, as it does for synthesized keys.
    struct JSONKey: CodingKey, ExpressibleByStringLiteral {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(stringLiteral value: String) { stringValue = value }
    }

    /// Writes the fields that both `GET /v1/workflows/{id}` and `GET /v1/handoffs` show, under the
    /// same keys, an optional left out when `nil` (as synthesized `Encodable` does). Each body adds
    /// what only it shows (``WorkflowBody/TimelineHandoff``, ``HandoffPageBody/QueueRow``), so a
    /// handoff's fields are mapped to JSON here and nowhere else.
    func encodeSharedFields(to container: inout KeyedEncodingContainer<JSONKey>) throws {
        try container.encode(toTaskID, forKey: "id")
        try container.encode(JSONCoding.seconds(waitMicroseconds), forKey: "waitSeconds")
        try container.encode(handedAt.rfc3339, forKey: "handedAt")
        try container.encodeIfPresent(fromTool, forKey: "fromTool")
        try container.encode(toTool, forKey: "toTool")
        try container.encodeIfPresent(fromStage?.rawValue, forKey: "fromStage")
        try container.encodeIfPresent(toStage?.rawValue, forKey: "toStage")
        try container.encodeIfPresent(fromActor, forKey: "fromActor")
        try container.encodeIfPresent(toActor, forKey: "toActor")
        try container.encode(contextCarried, forKey: "contextCarried")
        // Who worked on each side (value-model §8): the assistant whose AI worked on the task, or
        // `human`; no from side for an intake.
        try container.encodeIfPresent(coordination.fromSide?.description, forKey: "fromSide")
        try container.encode(coordination.toSide.description, forKey: "toSide")
    }

    /// What only the timeline shows: the task ids under its own names, the kind and the flags,
    /// the lineage (the task whose output the to-task consumed, and what became of its
    /// `context_from`: `linked`, `other-case`, `cycle`; see Docs/coordination.md) and the time
    /// the to-task duplicated another worker's earlier work in the same stage.
    func encodeTimelineFields(to container: inout KeyedEncodingContainer<JSONKey>) throws {
        try container.encode(kind.rawValue, forKey: "kind")
        try container.encodeIfPresent(fromTaskID, forKey: "fromTask")
        try container.encode(toTaskID, forKey: "toTask")
        try container.encode(crossTool, forKey: "crossTool")
        try container.encode(aiBoundary, forKey: "aiBoundary")
        try container.encodeIfPresent(coordination.producerTaskID, forKey: "producerTask")
        try container.encodeIfPresent(coordination.lineage?.rawValue, forKey: "lineage")
        try container.encodeIfPresent(
            coordination.lineageWaitMicroseconds.map(JSONCoding.seconds), forKey: "lineageWaitSeconds")
        try container.encode(JSONCoding.seconds(coordination.duplicateMicroseconds), forKey: "duplicateSeconds")
    }

    /// What only the queue shows: the from-task under the queue's name, the tool pair, the
    /// assistants on either side and the class the row is grouped by (`tool_pair`, or the
    /// assistant pair with `class_by=assistant`).
    func encodeQueueFields(to container: inout KeyedEncodingContainer<JSONKey>, classBy: HandoffClassing) throws {
        try container.encodeIfPresent(fromTaskID, forKey: "fromTaskId")
        try container.encode(toolPair, forKey: "toolPair")
        try container.encode(assistants, forKey: "assistants")
        try container.encode(handoffClass(classBy), forKey: "handoffClass")
    }
}
