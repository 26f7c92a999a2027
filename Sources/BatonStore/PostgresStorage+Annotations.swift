import BatonCore
import Foundation
import Logging
import PostgresNIO

extension PostgresStorage {
    /// Tags handoffs in one statement; tags naming a handoff that does not exist are skipped.
    /// Returns how many were stored.
    @discardableResult
    package func addTags(_ tags: [HandoffTagRecord], tenant: String, by tokenID: String?, logger: Logger)
        async throws -> Int
    {
        struct Row: Encodable {
            var workflow_id: String
            var to_task_id: String
            var reason: String
            var note: String?
        }
        guard !tags.isEmpty else { return 0 }
        let rows = String(
            decoding: try JSONEncoder().encode(
                tags.map {
                    Row(workflow_id: $0.workflowID, to_task_id: $0.toTaskID, reason: $0.reason.rawValue, note: $0.note)
                }
            ), as: UTF8.self)
        return try await tenantTransaction("add tags", tenant: tenant, logger: logger) { connection in
            do {
                return try await Self.insertTags(rows, tenant: tenant, by: tokenID, on: connection, logger: logger)
            } catch {
                throw RowMoved.mapping(error)
            }
        }
    }

    /// The statement of ``addTags(_:tenant:by:logger:)``: how many tags it stored.
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
                \(unescaped: PostgresStorage.currentTagUpdate)
            )
            SELECT count(*)::int8 FROM inserted
            """, logger: logger
        ).collectValues(Int64.self).first.map(Int.init) ?? 0
    }

    /// Records perceived-value ratings; assistants not seen before are created unregistered.
    package func addPerceptions(_ perceptions: [Perception], tenant: String, logger: Logger) async throws {
        struct Row: Encodable {
            var assistant: String
            var respondent_role: String?
            var rating: String
            /// Microseconds since the epoch: exact, and valid for any instant (RFC 3339 text of an
            /// instant in year 0, such as `0001-01-01T00:00:00+03:00`, is not PostgreSQL input).
            var rated_us: Int64
            var note: String?
        }
        guard !perceptions.isEmpty else { return }
        let rows = String(
            decoding: try JSONEncoder().encode(
                perceptions.map {
                    Row(
                        assistant: $0.assistant, respondent_role: $0.respondentRole, rating: $0.rating.rawValue,
                        rated_us: $0.ratedAt.microseconds, note: $0.note)
                }), as: UTF8.self)
        let names = Array(Set(perceptions.map(\.assistant))).sorted()
        try await tenantTransaction("add perceptions", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO assistants (tenant_id, name)
                SELECT \(tenant), name FROM unnest(\(names)::text[]) AS name ORDER BY name
                ON CONFLICT (tenant_id, name) DO NOTHING
                """, logger: logger
            ).drain()
            try await connection.query(
                """
                INSERT INTO perceptions (tenant_id, assistant, respondent_role, rating, rated_at, note)
                SELECT \(tenant), r.assistant, r.respondent_role, r.rating,
                    'epoch'::timestamptz + r.rated_us * interval '1 microsecond', r.note
                FROM jsonb_to_recordset(\(rows)::jsonb)
                    AS r(assistant text, respondent_role text, rating text, rated_us bigint, note text)
                """, logger: logger
            ).drain()
        }
    }
}

extension PostgresStorage {
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
