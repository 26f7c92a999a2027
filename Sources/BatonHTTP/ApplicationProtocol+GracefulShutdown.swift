import Foundation
import Hummingbird
package import Logging
import ServiceLifecycle
import UnixSignals

extension ApplicationProtocol {
    /// Runs the application until SIGTERM or SIGINT, then shuts down gracefully: the server stops
    /// accepting connections and finishes the requests in flight (so every batch it has begun is
    /// either committed and answered or never acknowledged), then the database pool closes.
    ///
    /// When `gracePeriod` runs out, whatever still runs is cancelled and this throws
    /// ``ShutdownGraceExceeded``; if the cancelled work has not ended `abandonAfter` later (a batch
    /// busy in PostgreSQL does not stop at once), the process exits with status 1 at once.
    /// Abandoning is safe: an unfinished batch's transaction rolls back when its connection
    /// closes, and its client, having had no answer, sends it again.
    package func runUntilTerminated(
        gracePeriod: Duration, abandonAfter margin: Duration = .seconds(2), logger: Logger
    ) async throws {
        var configuration = ServiceGroupConfiguration(services: [self], logger: logger)
        configuration.maximumGracefulShutdownDuration = gracePeriod
        let services = ServiceGroup(configuration: configuration)
        // Signals are handled here rather than by the service group, so that the deadlines below
        // are not themselves cancelled when the group escalates to cancellation.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await services.run() }
            tasks.addTask {
                for await signal in signals {
                    logger.notice(
                        "shutting down: finishing the requests in flight",
                        metadata: ["baton.signal": "\(signal)", "baton.shutdown.grace": "\(gracePeriod)"])
                    await services.triggerGracefulShutdown()
                    try await Task.sleep(for: gracePeriod)
                    throw ShutdownGraceExceeded(gracePeriod: gracePeriod)
                }
            }
            var exceeded: ShutdownGraceExceeded?
            while let result = await tasks.nextResult() {
                switch result {
                case .success:
                    // The service group has ended: the deadlines are no longer needed.
                    tasks.cancelAll()
                    if let exceeded { throw exceeded }
                    return
                case .failure(let error as ShutdownGraceExceeded):
                    exceeded = error
                    logger.error("shutdown grace period over: cancelling the requests still in flight")
                    tasks.addTask {
                        try await Task.sleep(for: margin)
                        logger.error("cancelled requests did not end: exiting")
                        exit(1)
                    }
                case .failure(let error):
                    tasks.cancelAll()
                    throw error
                }
            }
        }
    }
}
