import BatonCore
import Foundation
import PostgresNIO

/// The columns of a `handoffs` row that make a ``BatonCore/Handoff``, selected and decoded in one
/// place for every reader of the table: the workflow timeline, the tagging queue and `baton check`
/// (``HandoffWriter`` writes them). Column values outside a vocabulary do not occur: `CHECK`
/// constraints hold `kind`, the AI modes and `lineage` to theirs, and the stages are copied from
/// `tasks.stage`, which one holds too. So decoding hides no stored value from `baton check`, but
/// for the order of the `duplicates` pairs, which are compared by side.
enum HandoffColumns {
    /// The select list, for the table aliased `h`, in the order ``handoff(_:from:)`` reads it.
    static let select = """
        h.seq, h.kind, h.from_task_id, h.to_task_id, h.wait_us, (extract(epoch FROM h.handed_at) * 1000000)::int8,
        h.from_tool, h.to_tool, h.from_stage, h.to_stage, h.from_actor, h.to_actor, h.cross_tool, h.ai_boundary,
        h.context_carried, h.from_assistant, h.from_ai_mode, h.to_assistant, h.to_ai_mode, h.producer_task_id,
        h.lineage, h.producer_assistant, h.producer_ai_mode, h.lineage_wait_us, h.regathered, h.link_regathered,
        h.duplicate_us, h.duplicates::text
        """

    /// The handoff in the ``select`` columns of `row`, the first of them at index `first`.
    static func handoff(_ row: PostgresRandomAccessRow, from first: Int) throws -> Handoff {
        func cell<T: PostgresDecodable>(_ offset: Int, _ type: T.Type = T.self) throws -> T {
            try row[first + offset].decode(T.self)
        }
        return Handoff(
            sequence: try cell(0), kind: Handoff.Kind(rawValue: try cell(1)) ?? .handoff, fromTaskID: try cell(2),
            toTaskID: try cell(3), waitMicroseconds: try cell(4), handedAt: Timestamp(microseconds: try cell(5)),
            fromTool: try cell(6), toTool: try cell(7),
            fromStage: try cell(8, String?.self).flatMap(Stage.init(rawValue:)),
            toStage: try cell(9, String?.self).flatMap(Stage.init(rawValue:)), fromActor: try cell(10),
            toActor: try cell(11),
            crossTool: try cell(12), aiBoundary: try cell(13), contextCarried: try cell(14),
            coordination: HandoffCoordination(
                fromAssistant: try cell(15), fromAIMode: try cell(16, String?.self).flatMap(AIMode.init(rawValue:)),
                toAssistant: try cell(17), toAIMode: AIMode(rawValue: try cell(18)) ?? .none,
                producerTaskID: try cell(19),
                lineage: try cell(20, String?.self).flatMap(LineageStatus.init(rawValue:)),
                producerAssistant: try cell(21),
                producerAIMode: try cell(22, String?.self).flatMap(AIMode.init(rawValue:)),
                lineageWaitMicroseconds: try cell(23), regathered: try cell(24), linkRegathered: try cell(25),
                duplicateMicroseconds: try cell(26), duplicates: duplicates(try cell(27))))
    }

    /// The stored `duplicates` column (`[[side, microseconds], …]`, side `null` for human work)
    /// as the derivation's dictionary.
    static func duplicates(_ text: String?) -> [CoordinationSide: Int64] {
        guard let text, let pairs = try? JSONDecoder().decode([[JSONValue]].self, from: Data(text.utf8)) else {
            return [:]
        }
        var result: [CoordinationSide: Int64] = [:]
        for pair in pairs where pair.count == 2 {
            guard case .number(let us) = pair[1] else { continue }
            if case .string(let name) = pair[0] {
                result[CoordinationSide(assistant: name)] = Int64(us)
            } else {
                result[.human] = Int64(us)
            }
        }
        return result
    }

    /// The handoff as `baton check` names and prints its columns, in table order: each value as
    /// text, `null` when absent, `duplicates` as `side=microseconds;…` by side as ``HandoffWriter``
    /// stores them (`∅` for human work).
    static func checked(_ h: Handoff, workflowID: String) -> [(column: String, value: String)] {
        let c = h.coordination
        let sides = c.duplicateSides
        func text(_ value: (any CustomStringConvertible)?) -> String { value?.description ?? "null" }
        return [
            ("workflow_id", workflowID), ("to_task_id", h.toTaskID), ("seq", text(h.sequence)),
            ("kind", h.kind.rawValue), ("from_task_id", text(h.fromTaskID)), ("wait_us", text(h.waitMicroseconds)),
            ("handed_at", h.handedAt.rfc3339), ("from_tool", text(h.fromTool)), ("to_tool", h.toTool),
            ("from_stage", text(h.fromStage?.rawValue)), ("to_stage", text(h.toStage?.rawValue)),
            ("from_actor", text(h.fromActor)), ("to_actor", text(h.toActor)), ("cross_tool", text(h.crossTool)),
            ("ai_boundary", text(h.aiBoundary)), ("context_carried", text(h.contextCarried)),
            ("from_assistant", text(c.fromAssistant)), ("from_ai_mode", text(c.fromAIMode?.rawValue)),
            ("to_assistant", text(c.toAssistant)), ("to_ai_mode", c.toAIMode.rawValue),
            ("producer_task_id", text(c.producerTaskID)), ("lineage", text(c.lineage?.rawValue)),
            ("producer_assistant", text(c.producerAssistant)), ("producer_ai_mode", text(c.producerAIMode?.rawValue)),
            ("lineage_wait_us", text(c.lineageWaitMicroseconds)), ("regathered", text(c.regathered)),
            ("link_regathered", text(c.linkRegathered)), ("duplicate_us", text(c.duplicateMicroseconds)),
            (
                "duplicates",
                text(
                    sides.isEmpty
                        ? nil : sides.map { "\($0.side.assistant ?? "∅")=\($0.microseconds)" }.joined(separator: ";"))
            ),
        ]
    }
}
