import BatonCore
import Logging
import PostgresNIO

/// The statements that tag handoffs, keeping each handoff's current tag on its row (migration
/// 0009): shared by the tagging queue (one tag) and the bulk tag import (many).
enum HandoffTagWriter {
    /// The statement of ``PostgresIngestRepository/addTags(_:tenant:by:logger:)``: how many tags it stored.
    static func insertTags(
        _ rows: String, tenant: String, by tokenID: String?, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        try await connection.query(
            """
            WITH inserted AS (
                INSERT INTO handoff_tags (tenant_id, workflow_id, to_task_id, opened_month, reason, note, tagged_by)
                SELECT \(tenant), r.workflow_id, r.to_task_id, h.opened_month, r.reason, r.note, \(tokenID)
                FROM jsonb_to_recordset(\(rows)::jsonb) AS r(workflow_id text, to_task_id text, reason text, note text)
                JOIN workflows AS w ON w.tenant_id = \(tenant) AND w.workflow_id = r.workflow_id
                JOIN handoffs AS h
                  ON h.tenant_id = \(tenant) AND h.workflow_id = r.workflow_id AND h.to_task_id = r.to_task_id
                     AND h.opened_month = w.opened_month
                RETURNING tenant_id, workflow_id, to_task_id, opened_month, tag_id, reason, tagged_at
            ), current AS (
                \(unescaped: HandoffTagWriter.currentTagUpdate)
            ), marked AS (
                \(unescaped: HandoffTagWriter.rollupMark)
            )
            SELECT count(*)::int8 FROM inserted
            """, logger: logger
        ).collectValues(Int64.self).first.map(Int.init) ?? 0
    }

    /// The statement of ``PostgresHandoffRepository/tagHandoff(id:reason:note:tenant:by:logger:)``: the tag's time, if the handoff exists.
    static func insertTag(
        id: String, reason: HandoffReason, note: String?, tenant: String, by tagger: String?,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> [Int64] {
        try await connection.query(
            """
            WITH inserted AS (
                INSERT INTO handoff_tags (tenant_id, workflow_id, to_task_id, opened_month, reason, note, tagged_by)
                SELECT h.tenant_id, h.workflow_id, h.to_task_id, h.opened_month, \(reason.rawValue), \(note), \(tagger)
                -- The task's key names its workflow, whose month names the handoff's partition.
                FROM task_keys AS k
                JOIN workflows AS w ON w.tenant_id = k.tenant_id AND w.workflow_id = k.workflow_id
                JOIN handoffs AS h ON h.tenant_id = k.tenant_id AND h.workflow_id = k.workflow_id
                    AND h.to_task_id = k.task_id AND h.opened_month = w.opened_month
                WHERE k.tenant_id = \(tenant) AND k.task_id = \(id) AND h.kind = 'handoff'
                RETURNING tenant_id, workflow_id, to_task_id, opened_month, tag_id, reason, tagged_at
            ), current AS (
                \(unescaped: HandoffTagWriter.currentTagUpdate)
            ), marked AS (
                \(unescaped: HandoffTagWriter.rollupMark)
            )
            SELECT (extract(epoch FROM tagged_at) * 1000000)::int8 FROM inserted
            """, logger: logger
        ).collectValues(Int64.self)
    }

    /// The data-modifying CTE that marks the months of the tagged handoffs as changed
    /// (`rollup_dirty`), from the CTE `inserted`: the coordination rollups (migration 0019) count
    /// handoffs by their current tag, so until the maintenance pass recomputes the month the
    /// report reads that month's rows. A constant: nothing of a request is in it.
    static let rollupMark = """
        INSERT INTO rollup_dirty (tenant_id, month) SELECT DISTINCT tenant_id, opened_month FROM inserted
        RETURNING 1
        """

    /// The data-modifying CTE that keeps a handoff's current tag (`current_tag_id`, `tag_reason`,
    /// `tagged_at`) on its row, from a CTE `inserted` returning the new tags. Only a tag newer than
    /// the current one (by tagged_at, then tag_id, the order of value-model "the newest counts")
    /// replaces it, so a transaction that began earlier but commits later cannot demote a newer
    /// tag. A constant: nothing of a request is in it.
    static let currentTagUpdate = """
        UPDATE handoffs AS h
        SET current_tag_id = n.tag_id, tag_reason = n.reason, tagged_at = n.tagged_at
        FROM (
            SELECT DISTINCT ON (tenant_id, workflow_id, to_task_id) tenant_id, workflow_id, to_task_id, opened_month,
                tag_id, reason, tagged_at
            FROM inserted
            ORDER BY tenant_id, workflow_id, to_task_id, tagged_at DESC, tag_id DESC
        ) AS n
        WHERE h.tenant_id = n.tenant_id AND h.workflow_id = n.workflow_id AND h.to_task_id = n.to_task_id
          AND h.opened_month = n.opened_month
          AND (h.current_tag_id IS NULL OR (n.tagged_at, n.tag_id) > (h.tagged_at, h.current_tag_id))
        RETURNING 1
        """
}
