import BatonCore
import BatonReports
import BatonWeb
import HTTPTypes
import Hummingbird

extension WebController {
    /// How often a page whose report is being built reloads itself.
    static var overviewReloadSeconds: Int { 2 }

    /// `/`: the overview. A report the cache holds is shown at once. Otherwise, with background
    /// builds (``ServiceConfiguration/overviewWait``), the period's rollup figures are read
    /// (``ReportPreview``), the report is queued and waited for a moment; if it is not ready the
    /// page shows the rollup figures and reloads itself with its build's ticket (`build`) and the
    /// period pinned (a page without `to` would otherwise move with new data), until it can show
    /// the report that build made.
    @Sendable func overview(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, _, layout in
            let logger = context.logger
            guard let background, let wait = configuration.overviewWait,
                try !request.comparesPrevious(standard: false)
            else {
                let report = try await report(
                    request, identity: identity, compare: false, trends: false, logger: logger)
                return WebPage.response(OverviewPage.render(report, layout: layout))
            }
            let (period, options) = try await periodAndOptions(
                request, identity: identity, trends: false, logger: logger)
            let key = ReportCache.Key(tenant: identity.tenantID, from: period.0, to: period.1, options: options)
            func show(_ outcome: BackgroundReports.Outcome, _ ticket: BackgroundReports.Ticket) async throws
                -> Response?
            {
                switch outcome {
                case .built(let report): return WebPage.response(OverviewPage.render(report, layout: layout))
                case .unknown: return nil
                case .pending:
                    let preview: ReportPreview?
                    if let kept = await background.preview(ticket) {
                        preview = kept
                    } else {
                        preview = try await reports.preview(
                            tenant: identity.tenantID, period: period, options: options, logger: logger)
                        await background.keep(preview, for: ticket)
                    }
                    var response = WebPage.response(
                        OverviewPage.renderPreview(
                            preview, tenant: identity.tenantID, from: period.0.rfc3339, to: period.1.rfc3339,
                            baseline: options.baseline, layout: layout))
                    response.headers[HTTPField.Name("Refresh")!] =
                        "\(Self.overviewReloadSeconds); url=\(Self.reloadURL(request, period: period, ticket: ticket))"
                    return response
                }
            }
            // A reload of a page still computing: its own build.
            if let ticket = try Self.ticket(request),
                let response = try await show(try await background.outcome(ticket, key: key, within: wait), ticket)
            {
                return response
            }
            if let cached = try await reports.cachedReport(
                tenant: identity.tenantID, period: period, options: options, logger: logger)
            {
                return WebPage.response(OverviewPage.render(cached, layout: layout))
            }
            // The preview first, while the build does not yet compete with it for the cores: at 10
            // million tasks this took the first page from 458 ms (p50, preview read after the
            // wait) to the figures in Docs/performance.md.
            let preview = try await reports.preview(
                tenant: identity.tenantID, period: period, options: options, logger: logger)
            if let ticket = await background.ask(key, logger: logger) {
                await background.keep(preview, for: ticket)
                if let response = try await show(
                    try await background.outcome(ticket, key: key, within: wait), ticket)
                {
                    return response
                }
            }
            // The queue is full: built here, as without background builds.
            let report = try await reports.report(
                tenant: identity.tenantID, period: period, options: options, logger: logger)
            return WebPage.response(OverviewPage.render(report, layout: layout))
        }
    }

    /// The `build` parameter: a ticket of ``BackgroundReports``, or `nil` without one.
    static func ticket(_ request: Request) throws(APIError) -> BackgroundReports.Ticket? {
        guard let text = request.uri.queryParameters["build"] else { return nil }
        guard let ticket = BackgroundReports.Ticket(String(text)) else {
            throw APIError(status: .badRequest, code: "invalid_parameter", message: "'build' must be a whole number")
        }
        return ticket
    }

    /// The page's own address with its period given exactly and its build's ticket.
    static func reloadURL(_ request: Request, period: (Timestamp, Timestamp), ticket: BackgroundReports.Ticket)
        -> String
    {
        var items: [(String, String)] = request.uri.queryParameters
            .filter { !["from", "to", "build"].contains(String($0.key)) }
            // Keys are encoded too: the address goes into a header field.
            .map { (HTML.urlComponent(String($0.key)), String($0.value)) }
        items.sort { $0.0 < $1.0 }
        items += [("from", period.0.rfc3339), ("to", period.1.rfc3339), ("build", String(ticket))]
        return "/" + HTML.query(items.map { ($0.0, Optional($0.1)) })
    }
}
