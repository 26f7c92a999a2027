import BatonCore
import BatonReports
import BatonStore
import BatonWeb
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The web UI (contract: `/`, `/report`, `/handoffs`, `/workflows/{id}`), rendered on the server
/// from the same report and queue as the API. A browser signs in with a token and then carries
/// a session cookie; every form carries the session's CSRF token.
struct WebController {
    let tokens: any TokenRepository
    let handoffs: any HandoffRepository
    let experiments: any ExperimentRepository
    let interventions: any InterventionRepository
    let reports: ReportService
    /// Builds the overview's reports off the request (``overview(_:context:)``); `nil`: on it.
    let background: BackgroundReports?
    let sessions: SessionStore
    let configuration: ServiceConfiguration

    static var sessionCookie: String { "baton_session" }
    static var signInCookie: String { "baton_signin" }
    static var maxFormBytes: Int { 64 * 1024 }

    func addRoutes(to router: Router<BatonRequestContext>) {
        router.get("assets/baton.css", use: stylesheet)
        router.get("signin", use: signInForm)
        router.post("signin", use: signIn)
        router.post("signout", use: signOut)
        router.get("/", use: overview)
        router.get("report", use: reportPage)
        router.get("summary", use: summaryPage)
        router.get("handoffs", use: handoffs)
        router.post("handoffs/:id/tag", use: tag)
        router.get("workflows/:id", use: workflow)
        router.get("experiments/:name", use: experiment)
        router.get("interventions", use: interventionsPage)
        router.post("interventions", use: recordIntervention)
    }

    // MARK: - Assets and signing in

    @Sendable func stylesheet(_ request: Request, context: BatonRequestContext) async throws -> Response {
        var headers = WebPage.securityHeaders
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }

    @Sendable func signInForm(_ request: Request, context: BatonRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        if let code = query["code"].map(String.init) {
            guard let token = await sessions.redeem(code: code),
                let identity = try await tokens.authenticate(token: token, logger: context.logger),
                identity.role.grants(.viewer)
            else { return signInPage(request, error: "That sign-in link has expired or was used already.") }
            return await startSession(token: token, request: request, next: "/", logger: context.logger)
        }
        return signInPage(request, error: nil)
    }

    func signInPage(_ request: Request, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        // A sign-in CSRF token in its own cookie: the form must echo it (double submit).
        let csrf = SessionStore.randomToken()
        let next = WebPage.safeNext(request.uri.queryParameters["next"].map(String.init))
        var response = WebPage.response(SignInPage.render(error: error, csrf: csrf, next: next), status: status)
        response.setCookie(cookie(Self.signInCookie, csrf, request: request, maxAge: 3_600))
        return response
    }

    @Sendable func signIn(_ request: Request, context: BatonRequestContext) async throws -> Response {
        let form = try await Self.form(request)
        let csrf = try Self.line(form, "csrf")
        let next = try Self.line(form, "next")
        guard let expected = request.cookies[Self.signInCookie]?.value, csrf == expected else {
            return signInPage(request, error: "The form expired; please sign in again.", status: .forbidden)
        }
        let token = (try Self.line(form, "token") ?? "").trimmingCharacters(in: .whitespaces)
        guard let identity = try await tokens.authenticate(token: token, logger: context.logger) else {
            context.logger.notice("web sign-in refused")
            return signInPage(
                request, error: "That token is not valid (unknown, revoked or expired).", status: .unauthorized)
        }
        guard identity.role.grants(.viewer) else {
            return signInPage(
                request,
                error:
                    "A token with role \(identity.role.rawValue) cannot read reports; use a viewer, analyst or admin token.",
                status: .forbidden)
        }
        return await startSession(token: token, request: request, next: next, logger: context.logger)
    }

    func startSession(token: String, request: Request, next: String?, logger: Logger) async -> Response {
        let session = await sessions.create(token: token)
        logger.info("web session started")
        var response = WebPage.redirect(to: WebPage.safeNext(next))
        response.setCookie(cookie(Self.sessionCookie, session.id, request: request, maxAge: nil))
        response.setCookie(cookie(Self.signInCookie, "", request: request, maxAge: 0))
        return response
    }

    @Sendable func signOut(_ request: Request, context: BatonRequestContext) async throws -> Response {
        let form = try await Self.form(request)
        let csrf = try Self.line(form, "csrf")
        if let id = request.cookies[Self.sessionCookie]?.value, let session = await sessions.session(id) {
            guard ConstantTime.equal(csrf ?? "", session.csrf) else {
                return forbidden("The form expired; reload the page.", nil)
            }
            await sessions.remove(id)
        }
        var response = WebPage.redirect(to: "/signin")
        response.setCookie(cookie(Self.sessionCookie, "", request: request, maxAge: 0))
        return response
    }

    /// HttpOnly and SameSite=Strict always; Secure when the request came over TLS (directly or,
    /// as `X-Forwarded-Proto: https` says, through a proxy) or the configuration demands it.
    func cookie(_ name: String, _ value: String, request: Request, maxAge: Int?) -> Cookie {
        let secure =
            configuration.secureCookies || request.uri.scheme == .https
            || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    // MARK: - Pages

    /// The signed-in identity and session, or a redirect to the sign-in page.
    func signedIn(_ request: Request, _ context: BatonRequestContext) async throws -> Result<
        (Identity, WebSession, Layout), RedirectNeeded
    > {
        guard let id = request.cookies[Self.sessionCookie]?.value, let session = await sessions.session(id) else {
            return .failure(RedirectNeeded(request))
        }
        guard let identity = try await tokens.authenticate(token: session.token, logger: context.logger),
            identity.role.grants(.viewer)
        else {
            await sessions.remove(id)
            return .failure(RedirectNeeded(request))
        }
        return .success(
            (identity, session, Layout(tenant: identity.tenantID, role: identity.role.rawValue, csrf: session.csrf)))
    }

    struct RedirectNeeded: Error {
        var location: String
        init(_ request: Request) {
            let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            location = "/signin?next=" + HTML.urlComponent(request.method == .get ? path : "/")
        }
    }

    @Sendable func reportPage(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, _, layout in
            let report = try await report(
                request, identity: identity, compare: true, trends: true, logger: context.logger)
            return WebPage.response(ReportPage.render(report, layout: layout))
        }
    }

    @Sendable func summaryPage(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, _, layout in
            let report = try await report(
                request, identity: identity, compare: true, trends: false, logger: context.logger)
            return WebPage.response(SummaryPage.render(report, layout: layout))
        }
    }

    /// One experiment, analysed over its own time: from its start to its stop or end (else the
    /// period's usual end), unless the query names a period.
    @Sendable func experiment(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, _, layout in
            let name = try context.pathParameter("name")
            let status: ExperimentStatus
            do {
                status = try await experiments.experiment(
                    named: name, tenant: identity.tenantID, logger: context.logger)
            } catch ExperimentError.notFound {
                return WebPage.response(
                    MessagePage.render(
                        title: "No such experiment", message: "There is no experiment named \(name).", layout: layout),
                    status: .notFound)
            }
            let query = request.uri.queryParameters
            let e = status.experiment
            let period = try await reports.period(
                from: query["from"].flatMap { $0.isEmpty ? nil : String($0) } ?? e.startsAt.rfc3339,
                to: query["to"].flatMap { $0.isEmpty ? nil : String($0) } ?? (e.stoppedAt ?? e.endsAt)?.rfc3339,
                tenant: identity.tenantID, logger: context.logger)
            let report = try await reports.report(
                tenant: identity.tenantID, period: period, options: try ReportOptions.from(request),
                logger: context.logger)
            return WebPage.response(ExperimentPage.render(status: status, report: report, now: .now, layout: layout))
        }
    }

    @Sendable func handoffs(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, _, layout in
            var parameters: [String: String] = [:]
            for (key, value) in request.uri.queryParameters where !value.isEmpty {
                parameters[String(key)] = String(value)
            }
            let notice = parameters.removeValue(forKey: "tagged").map { "Tagged \($0)." }
            let filter: HandoffFilter
            do {
                filter = try HandoffFilter(parameters: parameters)
            } catch let error as HandoffFilter.ParameterError {
                return WebPage.response(
                    MessagePage.render(title: "Bad filter", message: error.description, layout: layout),
                    status: .badRequest)
            }
            let page = try await handoffs.handoffs(matching: filter, tenant: identity.tenantID, logger: context.logger)
            return WebPage.response(
                HandoffsPage.render(
                    page, filter: filter, parameters: parameters, canTag: identity.role.grants(.analyst),
                    notice: notice,
                    error: nil, layout: layout))
        }
    }

    @Sendable func tag(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, session, layout in
            let form = try await Self.form(request)
            let csrf = try Self.line(form, "csrf")
            let backField = try Self.line(form, "back")
            guard ConstantTime.equal(csrf ?? "", session.csrf) else {
                return forbidden(
                    "The form expired or did not come from this site; reload the page and try again.", layout)
            }
            guard identity.role.grants(.analyst) else {
                return forbidden("Your role (\(identity.role.rawValue)) can read handoffs but not tag them.", layout)
            }
            let id = try context.pathParameter("id")
            let tag: TagRequest
            do {
                tag = try TagRequest(reason: form["reason"], note: form["note"])
            } catch let error as TagRequest.Invalid {
                return WebPage.response(
                    MessagePage.render(title: "Not tagged", message: error.description, layout: layout),
                    status: .unprocessableContent)
            }
            guard
                try await handoffs.tagHandoff(
                    id: id, reason: tag.reason, note: tag.note, tenant: identity.tenantID, by: identity.tokenID,
                    logger: context.logger) != nil
            else {
                return WebPage.response(
                    MessagePage.render(title: "Not found", message: "There is no handoff \(id).", layout: layout),
                    status: .notFound)
            }
            context.logger.info("handoff tagged", metadata: ["baton.handoff.reason": "\(tag.reason.rawValue)"])
            // Back to the same filtered queue; `back` is only ever a query string.
            var back = backField ?? ""
            if !back.hasPrefix("?") || back.contains("#") { back = "" }
            let separator = back.isEmpty ? "?" : "&"
            return WebPage.redirect(to: "/handoffs\(back)\(separator)tagged=\(HTML.urlComponent(id))")
        }
    }

    /// The recorded interventions with their figures over the page's period, and the form.
    @Sendable func interventionsPage(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, _, layout in
            let recorded = request.uri.queryParameters["recorded"].flatMap { Int(String($0)) }
            return try await interventionsResponse(
                request, identity: identity, layout: layout, notice: recorded.map { "Recorded intervention #\($0)." },
                logger: context.logger)
        }
    }

    func interventionsResponse(
        _ request: Request, identity: Identity, layout: Layout, draft: InterventionsPage.Draft = .init(),
        notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok, logger: Logger
    ) async throws -> Response {
        let all = try await interventions.interventions(tenant: identity.tenantID, logger: logger)
        let report = try await report(request, identity: identity, compare: false, trends: false, logger: logger)
        return WebPage.response(
            InterventionsPage.render(
                all, report: report, canRecord: identity.role.grants(.analyst), draft: draft, notice: notice,
                error: error, layout: layout),
            status: status)
    }

    /// Records an intervention from the page's form (analyst or admin, with the session's CSRF
    /// token); a refused field shows the form again with the reason and what was typed.
    @Sendable func recordIntervention(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, session, layout in
            let form = try await Self.form(request)
            let csrf = try Self.line(form, "csrf")
            guard ConstantTime.equal(csrf ?? "", session.csrf) else {
                return forbidden(
                    "The form expired or did not come from this site; reload the page and try again.", layout)
            }
            guard identity.role.grants(.analyst) else {
                return forbidden(
                    "Your role (\(identity.role.rawValue)) can read interventions but not record them.", layout)
            }
            var fields: [String: JSONValue] = [:]
            for name in ["date", "target_kind", "target", "description"] {
                if let value = form[name], !value.isEmpty { fields[name] = .string(value) }
            }
            switch InterventionInput.validated(fields: fields, limits: configuration.recordLimits) {
            case .failure(let rejection):
                let draft = InterventionsPage.Draft(
                    date: String((form["date"] ?? "").prefix(64)), targetKind: form["target_kind"] ?? "",
                    target: String((form["target"] ?? "").prefix(300)),
                    description: String((form["description"] ?? "").prefix(1_000)))
                return try await interventionsResponse(
                    request, identity: identity, layout: layout, draft: draft,
                    error: "Not recorded: \(rejection.message).", status: .unprocessableContent, logger: context.logger)
            case .success(let input):
                let stored = try await interventions.addIntervention(
                    input, tenant: identity.tenantID, by: identity.tokenID, logger: context.logger)
                context.logger.info("intervention recorded", metadata: ["baton.intervention.id": "\(stored.id)"])
                return WebPage.redirect(to: "/interventions?recorded=\(stored.id)")
            }
        }
    }

    @Sendable func workflow(_ request: Request, context: BatonRequestContext) async throws -> Response {
        try await withPage(request, context) { identity, _, layout in
            let id = try context.pathParameter("id")
            guard
                let timeline = try await reports.source.workflow(
                    id: id, tenant: identity.tenantID, logger: context.logger)
            else {
                return WebPage.response(
                    MessagePage.render(title: "Not found", message: "There is no workflow \(id).", layout: layout),
                    status: .notFound)
            }
            return WebPage.response(WorkflowPage.render(timeline, layout: layout))
        }
    }

    /// Runs a page handler for a signed-in browser; errors become HTML pages, not JSON.
    func withPage(
        _ request: Request, _ context: BatonRequestContext,
        _ body: (Identity, WebSession, Layout) async throws -> Response
    ) async throws -> Response {
        switch try await signedIn(request, context) {
        case .failure(let redirect): return WebPage.redirect(to: redirect.location)
        case .success(let (identity, session, layout)):
            do {
                return try await body(identity, session, layout)
            } catch let error as ReportPeriod.InvalidPeriod {
                return WebPage.response(
                    MessagePage.render(title: "Bad period", message: error.description, layout: layout),
                    status: .badRequest)
            } catch let error as APIError where error.status == .badRequest {
                return WebPage.response(
                    MessagePage.render(title: "Bad request", message: error.message, layout: layout),
                    status: .badRequest)
            } catch {
                let mapped = ErrorMiddleware<BatonRequestContext>.map(error, logger: context.logger)
                return WebPage.response(
                    MessagePage.render(title: "Something went wrong", message: mapped.message, layout: layout),
                    status: mapped.status)
            }
        }
    }

    func forbidden(_ message: String, _ layout: Layout?) -> Response {
        WebPage.response(MessagePage.render(title: "Not allowed", message: message, layout: layout), status: .forbidden)
    }

    /// The value report for the page's period: `from`/`to` if given, else the 90 days up to the
    /// day after the tenant's latest case (so data from the past reads without picking dates).
    /// With `compare`, the period before is compared unless the query says `compare=none`; with
    /// `trends`, each assistant's weekly trend is computed unless the query says `trends=none`.
    func report(_ request: Request, identity: Identity, compare: Bool, trends: Bool, logger: Logger) async throws
        -> ValueReport
    {
        let (period, options) = try await periodAndOptions(request, identity: identity, trends: trends, logger: logger)
        return try await reports.report(
            tenant: identity.tenantID, period: period, options: options,
            comparePrevious: try request.comparesPrevious(standard: compare), logger: logger)
    }

    /// A page's period (`from`, `to`, the pages' defaults) and report options (the query's, with
    /// the page's own weekly trends unless `trends` is given).
    func periodAndOptions(_ request: Request, identity: Identity, trends: Bool, logger: Logger) async throws -> (
        (Timestamp, Timestamp), ReportOptions
    ) {
        let query = request.uri.queryParameters
        let period = try await reports.period(
            from: query["from"].flatMap { $0.isEmpty ? nil : String($0) },
            to: query["to"].flatMap { $0.isEmpty ? nil : String($0) }, tenant: identity.tenantID, logger: logger)
        var options = try ReportOptions.from(request)
        if query["trends"] == nil { options.weeklyTrends = trends }
        return (period, options)
    }

    /// A one-line form field (a token, a CSRF token, where to go next or back to): `nil` when
    /// absent; 400 naming it when it is not one line of at most 1,024 characters (``InputText``).
    static func line(_ form: FormData, _ name: String) throws(APIError) -> String? {
        guard let value = form[name] else { return nil }
        do throws(InputText.Refusal) {
            return try InputText.check(value, field: "form field '\(name)'", maxLength: 1_024)
        } catch {
            throw APIError(status: .badRequest, code: "invalid_text", message: error.description)
        }
    }

    /// A form body (`application/x-www-form-urlencoded`), at most 64 KiB; 400 naming the field
    /// when a name or value does not pass ``InputText`` (an HTML page inside ``withPage``).
    static func form(_ request: Request) async throws -> FormData {
        let buffer = try await request.body.collect(upTo: maxFormBytes)
        do throws(InputText.Refusal) {
            return try FormData(bytes: buffer.readableBytesView)
        } catch {
            throw APIError(status: .badRequest, code: "invalid_text", message: error.description)
        }
    }
}
