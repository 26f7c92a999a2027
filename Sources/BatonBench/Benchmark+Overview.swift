import BatonCore
import BatonHTTP
import BatonStore
import Foundation

extension Benchmark {
    /// Periods whose first overview is measured at each size.
    static let overviewPeriods = 4

    /// The first web overview of periods never asked for before (issue 23's first render), signed
    /// in as a viewer: the time to the first page, whatever it shows, and then to the full
    /// overview, following the page's own reloads as a browser does. Each period starts one more
    /// whole day after the reported quarter's start and ends with it, so none is cached and the
    /// rollups can give each.
    func measureOverview(storage: PostgresStorage, endpoint: DatabaseEndpoint, from: Timestamp, to: Timestamp)
        async throws -> BenchResult.Overview
    {
        let token = try await storage.tokens.createToken(
            tenant: Self.reportTenant, role: .viewer, label: "bench overview", logger: logger)
        let sessions = SessionStore()
        let code = await sessions.issueCode(token: token.secret)
        let day: Int64 = 86_400_000_000
        let periods = (1...Self.overviewPeriods).map { k in (from.adding(microseconds: Int64(k) * day), to) }
        let visits = try await serving(endpoint: endpoint, sessions: sessions) { port in
            try await DedicatedThread.run { try Self.visitOverviews(port: port, code: code, periods: periods) }
        }
        let first = visits.map(\.firstMilliseconds)
        let full = visits.map(\.fullSeconds)
        return BenchResult.Overview(
            periods: visits.count, previews: visits.filter(\.preview).count,
            firstP50Milliseconds: Self.quantile(first, 0.5), firstMaxMilliseconds: first.max() ?? .nan,
            fullP50Seconds: Self.quantile(full, 0.5), fullMaxSeconds: full.max() ?? .nan)
    }

    /// Signs in with the one-time `code`, then opens each period's overview and follows its
    /// reloads until the full overview.
    static func visitOverviews(port: Int, code: String, periods: [(Timestamp, Timestamp)]) throws -> [(
        firstMilliseconds: Double, fullSeconds: Double, preview: Bool
    )] {
        let connection = try BenchHTTPConnection(port: port)
        let signIn = try connection.exchange(method: "GET", path: "/signin?code=\(code)", headers: [])
        guard signIn.status == 303,
            let cookie = signIn.headers.first(where: { $0.0 == "set-cookie" && $0.1.hasPrefix("baton_session=") })?.1
                .split(separator: ";").first.map(String.init)
        else { throw BenchError("the overview benchmark could not sign in (status \(signIn.status))") }
        let clock = ContinuousClock()
        var visits: [(firstMilliseconds: Double, fullSeconds: Double, preview: Bool)] = []
        for (from, to) in periods {
            let started = clock.now
            var path = "/?from=\(from.rfc3339)&to=\(to.rfc3339)"
            var page = try connection.exchange(method: "GET", path: path, headers: [("Cookie", cookie)])
            let first = seconds(clock.now - started) * 1_000
            let computing = { (body: [UInt8]) in body.firstRange(of: Array(#"id="computing""#.utf8)) != nil }
            let preview =
                computing(page.body) && page.body.firstRange(of: Array(#"id="chart-coordination""#.utf8)) != nil
            while computing(page.body) {
                guard page.status == 200,
                    let refresh = page.headers.first(where: { $0.0 == "refresh" })?.1,
                    let url = refresh.range(of: "url=")
                else { throw BenchError("a computing overview answered \(page.status) without its reload") }
                path = String(refresh[url.upperBound...])
                // The browser waits the page's Refresh delay; the benchmark asks sooner, to time the
                // report's readiness rather than the delay.
                Thread.sleep(forTimeInterval: 0.1)
                page = try connection.exchange(method: "GET", path: path, headers: [("Cookie", cookie)])
            }
            guard page.status == 200,
                page.body.firstRange(of: Array("Fast tasks, slow workflow".utf8)) != nil
            else { throw BenchError("the overview answered \(page.status) without its figures") }
            visits.append((first, seconds(clock.now - started), preview))
        }
        return visits
    }
}
