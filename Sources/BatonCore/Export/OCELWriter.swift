import Foundation

/// OCEL 2.0 JSON: object types `workflow` and `assistant`; one event type per task type; per task
/// a start and (when ended) a complete event related to its workflow (qualifier `case`) and its
/// assistant (qualifier `assistant`). Events are written in a first pass and workflow objects in
/// a second, so neither list is held in memory.
public struct OCELWriter: EventLogWriter {
    struct AttributeType: Encodable {
        var name: String
        var type: String
    }
    struct TypeDefinition: Encodable {
        var name: String
        var attributes: [AttributeType]
    }
    struct Relationship: Encodable {
        var objectId: String
        var qualifier: String
    }
    struct EventAttribute: Encodable {
        var name: String
        var value: String
    }
    struct ObjectAttribute: Encodable {
        var name: String
        var time: String
        var value: String
    }
    struct Event: Encodable {
        var id: String
        var type: String
        var time: String
        var attributes: [EventAttribute]
        var relationships: [Relationship]
    }
    struct Object: Encodable {
        var id: String
        var type: String
        var attributes: [ObjectAttribute]
        var relationships: [Relationship]
    }

    /// Object attributes hold no history here: each value is valid from the epoch on.
    static let epoch = "1970-01-01T00:00:00Z"
    static let eventAttributes = ["lifecycle", "task_id", "tool", "stage", "resource", "assistant", "ai_mode"]

    public var taskTypes: [String]
    public var assistants: [AssistantMetadata]
    private var wroteEvent = false
    private var objectsStarted = false
    private var wroteObject = false
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init(taskTypes: [String], assistants: [AssistantMetadata]) {
        self.taskTypes = taskTypes
        self.assistants = assistants
    }

    public var needsObjectPass: Bool { true }

    public mutating func header() -> String {
        let objectTypes = [
            TypeDefinition(
                name: "workflow",
                attributes: ["severity", "category", "opened_at", "closed_at"].map {
                    AttributeType(name: $0, type: $0.hasSuffix("_at") ? "time" : "string")
                }),
            TypeDefinition(
                name: "assistant",
                attributes: ["tool", "category", "archetype"].map { AttributeType(name: $0, type: "string") }),
        ]
        let eventTypes = taskTypes.map {
            TypeDefinition(name: $0, attributes: Self.eventAttributes.map { AttributeType(name: $0, type: "string") })
        }
        return "{\"objectTypes\":\(json(objectTypes)),\n\"eventTypes\":\(json(eventTypes)),\n\"events\":[\n"
    }

    public mutating func events(_ cases: [EventLogCase]) -> String {
        var out = ""
        for c in cases {
            for e in c.events {
                let t = e.task
                var attributes = [
                    EventAttribute(name: "lifecycle", value: e.transition),
                    EventAttribute(name: "task_id", value: t.id),
                    EventAttribute(name: "tool", value: t.tool),
                    EventAttribute(name: "ai_mode", value: t.aiMode.rawValue),
                ]
                if let stage = t.stage { attributes.append(EventAttribute(name: "stage", value: stage.rawValue)) }
                if let actor = t.actor { attributes.append(EventAttribute(name: "resource", value: actor)) }
                if let assistant = t.assistant {
                    attributes.append(EventAttribute(name: "assistant", value: assistant))
                }
                var relationships = [Relationship(objectId: Self.workflowID(c.workflowID), qualifier: "case")]
                if let assistant = t.assistant {
                    relationships.append(Relationship(objectId: Self.assistantID(assistant), qualifier: "assistant"))
                }
                let event = Event(
                    id: "\(t.id):\(e.transition)", type: t.taskType, time: e.time.rfc3339, attributes: attributes,
                    relationships: relationships)
                out += (wroteEvent ? ",\n" : "") + json(event)
                wroteEvent = true
            }
        }
        return out
    }

    /// Workflow objects of one page, with a relationship to every assistant that worked on them
    /// (the assistant objects come first).
    public mutating func objects(_ cases: [EventLogCase]) -> String {
        var out = startObjects()
        for c in cases {
            let attributes = Self.attributes([
                ("severity", c.severity?.rawValue), ("category", c.category), ("opened_at", c.openedAt?.rfc3339),
                ("closed_at", c.closedAt?.rfc3339),
            ])
            let helpers = Set(c.tasks.compactMap(\.assistant)).sorted()
            let object = Object(
                id: Self.workflowID(c.workflowID), type: "workflow", attributes: attributes,
                relationships: helpers.map { Relationship(objectId: Self.assistantID($0), qualifier: "assisted-by") })
            out += (wroteObject ? ",\n" : "") + json(object)
            wroteObject = true
        }
        return out
    }

    public mutating func footer() -> String {
        startObjects() + "\n]}\n"
    }

    /// Closes the event list and writes the assistant objects, once.
    private mutating func startObjects() -> String {
        guard !objectsStarted else { return "" }
        objectsStarted = true
        var out = "\n],\n\"objects\":[\n"
        for a in assistants {
            let attributes = Self.attributes([
                ("tool", a.tool), ("category", a.category?.rawValue), ("archetype", a.archetype?.rawValue),
            ])
            let object = Object(
                id: Self.assistantID(a.name), type: "assistant", attributes: attributes, relationships: [])
            out += (wroteObject ? ",\n" : "") + json(object)
            wroteObject = true
        }
        return out
    }

    /// The attributes that have a value.
    static func attributes(_ pairs: [(String, String?)]) -> [ObjectAttribute] {
        pairs.compactMap { name, value in value.map { ObjectAttribute(name: name, time: epoch, value: $0) } }
    }

    static func workflowID(_ id: String) -> String { "workflow:" + id }
    static func assistantID(_ name: String) -> String { "assistant:" + name }

    private func json(_ value: some Encodable) -> String {
        // Encoding plain strings and arrays of them cannot fail.
        String(decoding: (try? Self.encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
