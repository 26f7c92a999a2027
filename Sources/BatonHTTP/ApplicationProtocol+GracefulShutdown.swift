import Hummingbird
import Logging
import ServiceLifecycle

extension ApplicationProtocol {
    /// Runs the application until SIGTERM or SIGINT, then shuts down gracefully: the server stops
    /// accepting connections and finishes the requests in flight (so every batch it has begun is
    /// either committed and answered or never acknowledged), then the database pool closes.
    ///
    /// After `gracePeriod` whatever is still running is cancelled (an unfinished batch rolls back
    /// and its client, having had no answer, retries it); cancellation that does not end within
    /// `cancellationLimit` ends the process, so that it always exits.
    package func runUntilTerminated(
        gracePeriod: Duration, cancellationLimit: Duration = .seconds(5), logger: Logger
    ) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = gracePeriod
        configuration.maximumCancellationDuration = cancellationLimit
        try await ServiceGroup(configuration: configuration).run()
    }
}
