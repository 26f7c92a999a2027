package import BatonCore
package import Logging
import PostgresNIO

/// The handoff tagging queue on PostgreSQL.
package struct PostgresHandoffRepository: HandoffRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// One page of handoffs (not intakes), largest wait first, then by workflow and task id so
    /// the order is total and the keyset cursor never skips or repeats a row.
    package func handoffs(matching filter: HandoffFilter, tenant: String, logger: Logger) async throws
        -> HandoffPage
    {
        let pairFrom = filter.toolPair?.from
        let pairTo = filter.toolPair?.to
        let stage = filter.stage?.rawValue
        let from = filter.from?.postgresText
        let to = filter.to?.postgresText
        let cursor = filter.cursor
        let (fromSide, fromAssistant) = (filter.fromAssistant != nil, filter.fromAssistant?.assistant)
        let (toSide, toAssistant) = (filter.toAssistant != nil, filter.toAssistant?.assistant)
        let rows = try await database.tenantTransaction("list handoffs", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                SELECT h.workflow_id, tg.reason, tg.note, tg.tagged_by, (extract(epoch FROM tg.tagged_at) * 1000000)::int8,
                       (SELECT count(*) FROM handoff_tags AS x
                        WHERE x.tenant_id = h.tenant_id AND x.workflow_id = h.workflow_id
                          AND x.to_task_id = h.to_task_id)::int8,
                       \(unescaped: HandoffColumns.select)
                FROM handoffs AS h
                -- The sides are on the handoff row itself (migration 0012).
                -- The current tag is kept on the handoff row (migration 0009).
                LEFT JOIN handoff_tags AS tg ON tg.tenant_id = h.tenant_id AND tg.tag_id = h.current_tag_id
                WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff'
                  AND (NOT \(filter.untagged) OR h.current_tag_id IS NULL)
                  AND (\(filter.minimumWaitMicroseconds)::int8 IS NULL OR h.wait_us >= \(filter.minimumWaitMicroseconds))
                  AND (\(pairFrom)::text IS NULL OR (h.from_tool = \(pairFrom) AND h.to_tool = \(pairTo)))
                  AND (\(stage)::text IS NULL OR h.to_stage = \(stage))
                  AND (\(filter.assistant)::text IS NULL
                       OR (h.from_assistant = \(filter.assistant) AND h.from_ai_mode <> 'none')
                       OR (h.to_assistant = \(filter.assistant) AND h.to_ai_mode <> 'none'))
                  AND (NOT \(fromSide) OR (CASE WHEN \(fromAssistant)::text IS NULL THEN h.from_ai_mode = 'none'
                                                ELSE h.from_ai_mode <> 'none' AND h.from_assistant = \(fromAssistant) END))
                  AND (NOT \(toSide) OR (CASE WHEN \(toAssistant)::text IS NULL THEN h.to_ai_mode = 'none'
                                              ELSE h.to_ai_mode <> 'none' AND h.to_assistant = \(toAssistant) END))
                  AND (\(from)::timestamptz IS NULL OR h.handed_at >= \(from)::timestamptz)
                  AND (\(to)::timestamptz IS NULL OR h.handed_at < \(to)::timestamptz)
                  AND (\(cursor?.waitMicroseconds)::int8 IS NULL
                       OR h.wait_us < \(cursor?.waitMicroseconds)
                       OR (h.wait_us = \(cursor?.waitMicroseconds)
                           AND (h.workflow_id, h.to_task_id) > (\(cursor?.workflowID)::text, \(cursor?.toTaskID)::text)))
                ORDER BY h.wait_us DESC, h.workflow_id, h.to_task_id
                LIMIT \(filter.limit + 1)
                """, logger: logger
            ).collect()
        }
        let handoffs = try rows.prefix(filter.limit).map { row in
            let r = row.makeRandomAccess()
            let tag = try r[1].decode(String?.self).flatMap(HandoffReason.init(rawValue:)).map { reason in
                QueuedHandoff.CurrentTag(
                    reason: reason, note: try r[2].decode(String?.self), taggedBy: try r[3].decode(String?.self),
                    taggedAt: Timestamp(microseconds: try r[4].decode(Int64?.self) ?? 0))
            }
            return QueuedHandoff(
                workflowID: try r[0].decode(String.self), handoff: try HandoffColumns.handoff(r, from: 6), tag: tag,
                tagCount: Int(try r[5].decode(Int64.self)))
        }
        return HandoffPage(
            handoffs: Array(handoffs), nextCursor: rows.count > filter.limit ? handoffs.last?.cursor : nil)
    }

    /// Tags the handoff into task `id`; `nil` when the tenant has no such handoff. Earlier tags stay
    /// as history; the newest one counts.
    package func tagHandoff(
        id: String, reason: HandoffReason, note: String?, tenant: String, by tagger: String?, logger: Logger
    ) async throws -> QueuedHandoff.CurrentTag? {
        let rows = try await database.tenantTransaction("tag handoff", tenant: tenant, logger: logger) { connection in
            do {
                return try await HandoffTagWriter.insertTag(
                    id: id, reason: reason, note: note, tenant: tenant, by: tagger, on: connection, logger: logger)
            } catch {
                throw RowMoved.mapping(error)
            }
        }
        return rows.first.map {
            QueuedHandoff.CurrentTag(
                reason: reason, note: note, taggedBy: tagger, taggedAt: Timestamp(microseconds: $0))
        }
    }
}
