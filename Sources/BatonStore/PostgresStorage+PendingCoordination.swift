import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    /// Applies the migrations, then derives what migration 0012 could not compute in SQL: the
    /// lineage and duplicated work of workflows stored before it (``derivePendingCoordination(pageSize:logger:)``).
    /// Every path that migrates (`baton migrate`, `baton serve`, `baton demo`) goes through here.
    @discardableResult
    package func migrate(logger: Logger) async throws -> [String] {
        let applied = try await migrator.migrate(client: client, logger: logger)
        let derived = try await derivePendingCoordination(logger: logger)
        if derived > 0 {
            logger.info("coordination derived for stored workflows", metadata: ["baton.workflows": "\(derived)"])
        }
        return applied
    }

    /// Re-derives the workflows marked `coordination_pending`, `pageSize` at a time, each page in
    /// a transaction of its own that locks its workflows as ingest does (so a batch arriving
    /// meanwhile waits, or is waited for). Cost is proportional to the marked workflows; after the
    /// first run none are marked and this is one index probe. Returns how many it derived.
    package func derivePendingCoordination(pageSize: Int = 500, logger: Logger) async throws -> Int {
        var total = 0
        while true {
            let derived = try await transaction("derive pending coordination", logger: logger) { connection in
                var session = SQLSession(connection: connection, logger: logger)
                let rows = try await session.query(
                    """
                    SELECT tenant_id, workflow_id, (extract(epoch FROM effective_opened_at) * 1000000)::int8
                    FROM workflows WHERE coordination_pending
                    ORDER BY tenant_id, workflow_id LIMIT \(pageSize)
                    """
                ).collect(as: (String, String, Int64?).self)
                guard let tenant = rows.first?.0 else { return 0 }
                let page = rows.filter { $0.0 == tenant }
                try await session.query(
                    "SELECT pg_advisory_xact_lock_shared(hashtextextended('baton partitions', 0))"
                ).drain()
                let ids = Set(page.map(\.1))
                try await Self.lockWorkflows(ids, tenant: tenant, session: &session)
                var months: [String: Timestamp] = [:]
                for (_, id, opened) in page {
                    if let opened { months[id] = Timestamp(microseconds: opened).utcMonthStart }
                }
                try await Self.recomputeHandoffs(of: ids, rowMonths: months, tenant: tenant, session: &session)
                // A workflow that lost its tasks meanwhile has nothing to derive.
                try await session.query(
                    """
                    UPDATE workflows SET coordination_pending = false
                    WHERE tenant_id = \(tenant) AND workflow_id = ANY(\(Array(ids))::text[]) AND coordination_pending
                    """
                ).drain()
                return page.count
            }
            guard derived > 0 else { return total }
            total += derived
        }
    }
}
