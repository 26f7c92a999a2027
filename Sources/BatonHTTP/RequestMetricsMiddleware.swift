import Hummingbird
import Prometheus

/// Counts every request and times it by route template (never by raw path, so ids do not explode
/// the label set).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: BatonMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let clock = ContinuousClock()
        let started = clock.now
        let method = request.method.rawValue
        metrics.inFlightRequests.increment()
        defer { metrics.inFlightRequests.decrement() }
        do {
            let response = try await next(request, context)
            let route = context.endpointPath ?? "unmatched"
            metrics.requests(method: method, route: route, status: response.status.code).increment()
            metrics.latency(method: method, route: route).record(clock.now - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            let route = context.endpointPath ?? "unmatched"
            metrics.requests(method: method, route: route, status: status).increment()
            metrics.latency(method: method, route: route).record(clock.now - started)
            throw error
        }
    }
}
