import Logging
import ServiceLifecycle

extension Service {
    /// Runs `round` every `interval` until graceful shutdown or cancellation. A round that fails
    /// is logged (`failure`, with the error) and the next one tries again.
    func runEvery(
        _ interval: Duration, logger: Logger, failure: Logger.Message,
        _ round: @escaping @Sendable () async throws -> Void
    ) async {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                do {
                    try await round()
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning(failure, metadata: ["baton.error": "\(String(reflecting: error))"])
                }
            }
        }
    }
}
