package import BatonCore
package import Logging
package import ServiceLifecycle

/// Builds value reports off the request path, for the overview's first render of a period
/// (issue 23): a page that finds no report ready asks here, waits a moment, and otherwise shows
/// the period's rollup figures (``ReportPreview``) and reloads itself with its build's ticket
/// while this service finishes the report.
///
/// A ticket's report is built from a snapshot taken after it was asked for, so a page that shows
/// it shows what a report built on the request would have shown; it is not looked up by the
/// tenant's data fingerprint, which under steady ingest changes before any build can finish. The
/// build also fills the shared cache. Builds run one at a time in the order asked; a key already
/// waiting in the queue shares its ticket. A failed build's error goes to the page that asks for
/// its ticket, so a page does not reload forever.
package actor BackgroundReports: Service {
    package typealias Ticket = UInt64

    struct Job: Sendable {
        var ticket: Ticket
        var key: ReportCache.Key
        var logger: Logger
    }

    enum State {
        case queued(ReportCache.Key)
        case running(ReportCache.Key)
        case built(ReportCache.Key, ValueReport)
        case failed(ReportCache.Key, any Error)

        var key: ReportCache.Key {
            switch self {
            case .queued(let key), .running(let key), .built(let key, _), .failed(let key, _): key
            }
        }
    }

    /// What became of a ticket.
    package enum Outcome: Sendable, Equatable {
        /// Built: the report of the ticket's key, given once (a reload of the page starts over,
        /// and finds the report in the cache while the data is unchanged).
        case built(ValueReport)
        /// Still queued or being built.
        case pending
        /// Unknown, or for another key (another tenant's, period or options): the page starts over.
        case unknown
    }

    private let reports: ReportService
    private let jobs: AsyncStream<Job>
    private let submissions: AsyncStream<Job>.Continuation
    private var states: [Ticket: State] = [:]
    /// The preview each waiting page showed, so its reloads show it again without reading it:
    /// one read per build, not one per reload. The inner `nil`: the rollups could not give one.
    private var previews: [Ticket: ReportPreview?] = [:]
    private var lastTicket: Ticket = 0
    /// At most this many builds wait; past it a page builds its report itself, as without this
    /// service.
    let queueLimit: Int
    /// Finished tickets kept for their pages to collect; the oldest go first.
    let keptLimit: Int

    package init(reports: ReportService, queueLimit: Int = 16, keptLimit: Int = 16) {
        self.reports = reports
        self.queueLimit = queueLimit
        self.keptLimit = keptLimit
        (jobs, submissions) = AsyncStream.makeStream(of: Job.self)
    }

    package func run() async throws {
        for await job in jobs.cancelOnGracefulShutdown() {
            await build(job)
        }
    }

    private func build(_ job: Job) async {
        states[job.ticket] = .running(job.key)
        do {
            let report = try await reports.report(
                tenant: job.key.tenant, period: (job.key.from, job.key.to), options: job.key.options,
                logger: job.logger)
            states[job.ticket] = .built(job.key, report)
            previews[job.ticket] = nil
        } catch {
            previews[job.ticket] = nil
            job.logger.error("background report failed", metadata: ["baton.error": "\(String(reflecting: error))"])
            states[job.ticket] = .failed(job.key, error)
        }
        forgetOldest()
    }

    /// A ticket for `key`'s report: the queued one of the same key, or a new one; `nil` when the
    /// queue is full.
    package func ask(_ key: ReportCache.Key, logger: Logger) -> Ticket? {
        var waiting = 0
        for (ticket, state) in states {
            guard case .queued(let queued) = state else { continue }
            if queued == key { return ticket }
            waiting += 1
        }
        guard waiting < queueLimit else { return nil }
        lastTicket += 1
        states[lastTicket] = .queued(key)
        submissions.yield(Job(ticket: lastTicket, key: key, logger: logger))
        return lastTicket
    }

    /// The preview a page of the still pending `ticket` showed, if one was kept.
    package func preview(_ ticket: Ticket) -> ReportPreview?? { previews[ticket] }

    /// Keeps the preview a page of `ticket` showed, while the ticket is pending.
    package func keep(_ preview: ReportPreview?, for ticket: Ticket) {
        guard let state = states[ticket] else { return }
        switch state {
        case .queued, .running: previews[ticket] = .some(preview)
        case .built, .failed: return
        }
    }

    /// The ticket's outcome for a page asking with `key`; a failed build's error is thrown, once.
    package func outcome(_ ticket: Ticket, key: ReportCache.Key) throws -> Outcome {
        guard let state = states[ticket], state.key == key else { return .unknown }
        switch state {
        case .queued, .running: return .pending
        case .built(_, let report):
            states[ticket] = nil
            return .built(report)
        case .failed(_, let error):
            states[ticket] = nil
            throw error
        }
    }

    /// The ticket's outcome once it is no longer pending, or after `wait`.
    package nonisolated func outcome(_ ticket: Ticket, key: ReportCache.Key, within wait: Duration) async throws
        -> Outcome
    {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: wait)
        while true {
            let outcome = try await outcome(ticket, key: key)
            guard case .pending = outcome, clock.now < deadline else { return outcome }
            // A report takes seconds to build; a page waits a fraction of one.
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    private func forgetOldest() {
        let finished = states.filter { _, state in
            switch state {
            case .built, .failed: true
            case .queued, .running: false
            }
        }.keys.sorted()
        for ticket in finished.dropLast(keptLimit) { states[ticket] = nil }
    }
}
