package import Logging
import PostgresNIO
import ServiceLifecycle

/// Measures the read replica's lag every `interval` and decides where reads go
/// (``ReadRouting``): to the replica while it answers, is a standby and lags by at most `maxLag`,
/// else to the primary. Logs one line at each change of state, never one per request. Runs in
/// `baton serve`'s service group, after both pools; ends on graceful shutdown.
///
/// The lag is an upper bound, the smaller of two:
/// - the age of the last transaction the replica replayed (`pg_last_xact_replay_timestamp()`);
///   after a quiet spell on the primary that age grows although nothing is missing, so
/// - when the replica has replayed up to the primary's `pg_current_wal_lsn()`, read just
///   before, the lag is 0, and while it has not, it is at most the time since a check last saw
///   it caught up (everything it misses was written after that).
package struct ReplicaMonitor: Service {
    let routing: ReadRouting
    let interval: Duration
    let maxLag: Duration
    /// How long a check waits for each server before it counts the replica as down. Its own
    /// bound, not the requests' `--database-wait`: reads should leave a dead replica soon.
    let checkLimit: Duration
    let logger: Logger

    package init(
        routing: ReadRouting, interval: Duration, maxLag: Duration, checkLimit: Duration = .seconds(5), logger: Logger
    ) {
        self.routing = routing
        self.interval = interval
        self.maxLag = maxLag
        self.checkLimit = checkLimit
        self.logger = logger
    }

    package func run() async throws {
        await check()
        await runEvery(interval, logger: logger, failure: "could not check the read replica") { await check() }
    }

    /// One measurement: updates the routing's state, logs a change, and returns the new status.
    @discardableResult
    package func check() async -> ReplicaStatus {
        let clock = ContinuousClock()
        let limit = checkLimit
        // The primary's position first: the replica is current if it has replayed up to it.
        let primaryLSN = try? await DatabaseDeadline.run(within: limit) {
            [client = routing.primary.client, logger] in
            try await client.query("SELECT pg_current_wal_lsn()::text", logger: logger).collectValues(String.self)
                .first
        }
        let measured: (standby: Bool, replayAge: Double?, bytesBehind: Double?)
        do {
            measured = try await DatabaseDeadline.run(within: limit) {
                [client = routing.replica.client, logger] in
                let rows = try await client.query(
                    """
                    SELECT pg_is_in_recovery(),
                           CASE WHEN pg_is_in_recovery()
                                THEN EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END,
                           CASE WHEN pg_is_in_recovery()
                                THEN pg_wal_lsn_diff(\(primaryLSN)::pg_lsn, pg_last_wal_replay_lsn())::float8 END
                    """, logger: logger
                ).collect()
                guard let row = rows.first else { throw StoreError.internalError }
                let (standby, age, behind) = try row.decode((Bool, Double?, Double?).self)
                return (standby, age, behind)
            }
        } catch {
            return record(ReplicaStatus(state: .down), caughtUpAt: nil, error: error)
        }
        guard measured.standby else { return record(ReplicaStatus(state: .notStandby), caughtUpAt: nil) }
        let now = clock.now
        if let behind = measured.bytesBehind, behind <= 0 {
            return record(ReplicaStatus(state: .inUse, lagSeconds: 0), caughtUpAt: now)
        }
        let sinceCaughtUp = routing.state.lastCaughtUp.map { Self.seconds(now - $0) }
        let bounds = [measured.replayAge.map { max(0, $0) }, sinceCaughtUp].compactMap { $0 }
        let lag = bounds.min()
        let state: ReplicaStatus.State = lag.map { $0 <= Self.seconds(maxLag) } == true ? .inUse : .lagging
        return record(ReplicaStatus(state: state, lagSeconds: lag), caughtUpAt: nil)
    }

    private func record(_ status: ReplicaStatus, caughtUpAt: ContinuousClock.Instant?, error: (any Error)? = nil)
        -> ReplicaStatus
    {
        guard routing.state.update(status, caughtUpAt: caughtUpAt) != nil else { return status }
        var metadata: Logger.Metadata = ["baton.replica.state": "\(status.state.rawValue)"]
        if let lag = status.lagSeconds { metadata["baton.replica.lag_seconds"] = "\(lag)" }
        metadata["baton.replica.max_lag_seconds"] = "\(Self.seconds(maxLag))"
        if let error { metadata["baton.error"] = "\(String(reflecting: StoreError.classify(error)))" }
        if status.usable {
            logger.notice("read replica in use", metadata: metadata)
        } else {
            logger.warning("read replica not in use: reads go to the primary", metadata: metadata)
        }
        return status
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
