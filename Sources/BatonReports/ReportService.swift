package import BatonCore
import BatonStore
package import Logging

/// The one way to get a value report: every rendering (the API's JSON, the web pages, `baton
/// report`, the demo, the survey CSV) asks here, so they all show the same figures.
///
/// It owns the period's defaults, the read from storage, the build (``ValueReportBuilder``),
/// the data-fingerprint cache and the survey CSV. The HTTP service keeps one, with a cache, for
/// its lifetime; a command builds one without a cache for its single report.
package struct ReportService: Sendable {
    package let source: any ReportSourceRepository
    /// Reports already built, reused while the tenant's data fingerprint is unchanged; `nil` to
    /// build every time (one-shot commands, which would pay for the fingerprint and never reuse it).
    package let cache: ReportCache?

    package init(source: any ReportSourceRepository, cache: ReportCache? = nil) {
        self.source = source
        self.cache = cache
    }

    /// The period of the web pages and the commands: `from` and `to` as given; without `to`,
    /// midnight UTC after the tenant's latest case (now when it has none), so data from the past
    /// reads without picking dates; `from` 90 days before the end. The routes end at now instead
    /// (``ReportPeriod/resolve(from:to:defaultEnd:now:)`` without a default end), as the contract
    /// has them.
    package func period(from: String?, to: String?, tenant: String, logger: Logger) async throws -> (
        Timestamp, Timestamp
    ) {
        var end: Timestamp?
        if to == nil, let (_, last) = try await source.dataSpan(tenant: tenant, logger: logger) {
            let day: Int64 = 86_400_000_000
            end = Timestamp(microseconds: (last.microseconds / day + 1) * day)
        }
        return try ReportPeriod.resolve(from: from, to: to, defaultEnd: end)
    }

    /// The value report of `tenant` over `period` with `options`: from the cache when the
    /// tenant's data has not changed since it was built, else read and built (and logged with
    /// its timings).
    package func report(
        tenant: String, period: (Timestamp, Timestamp), options: ReportOptions = ReportOptions(),
        comparePrevious: Bool = false, logger: Logger
    ) async throws -> ValueReport {
        guard comparePrevious else {
            return try await singleReport(tenant: tenant, period: period, options: options, logger: logger)
        }
        // The period just before, of the same length; both built side by side, each cached.
        let length = period.1.microseconds - period.0.microseconds
        let before = (Timestamp(microseconds: period.0.microseconds - length), period.0)
        async let current = singleReport(tenant: tenant, period: period, options: options, logger: logger)
        // The comparison reads no weekly trend of the period before.
        var previousOptions = options
        previousOptions.weeklyTrends = false
        async let previous = singleReport(tenant: tenant, period: before, options: previousOptions, logger: logger)
        var report = try await current
        report.comparison = PeriodComparison(current: report, previous: try await previous)
        return report
    }

    /// The report of `tenant` over `period` with `options` when the cache holds it for the
    /// tenant's current data; `nil` otherwise (also without a cache). Reads only the fingerprint.
    package func cachedReport(
        tenant: String, period: (Timestamp, Timestamp), options: ReportOptions = ReportOptions(), logger: Logger
    ) async throws -> ValueReport? {
        let key = ReportCache.Key(tenant: tenant, from: period.0, to: period.1, options: options)
        return try await lookUp(key, on: source.pinned(), logger: logger).report
    }

    /// `key`'s report in the cache for the tenant's current data, and that data's fingerprint
    /// (`nil` without a cache, which never reads it).
    private func lookUp(_ key: ReportCache.Key, on source: any ReportSourceRepository, logger: Logger) async throws
        -> (report: ValueReport?, version: String?)
    {
        guard let cache else { return (nil, nil) }
        let fingerprint = try await source.dataVersion(tenant: key.tenant, logger: logger)
        return (await cache.report(key, version: fingerprint), fingerprint)
    }

    /// The report's rollup figures over `period` (``ReportPreview``), or `nil` when the period is
    /// not whole days or its rollups are not fresh.
    package func preview(
        tenant: String, period: (Timestamp, Timestamp), options: ReportOptions = ReportOptions(), logger: Logger
    ) async throws -> ReportPreview? {
        let clock = ContinuousClock()
        let started = clock.now
        let preview = try await source.reportPreview(
            tenant: tenant, from: period.0, to: period.1, classBy: options.classBy, logger: logger)
        logger.info(
            "report preview read",
            metadata: [
                "baton.report.preview": "\(preview != nil)",
                "baton.timing.preview_ms": "\((clock.now - started).wholeMilliseconds)",
            ])
        return preview
    }

    /// One period's report, without comparison.
    private func singleReport(
        tenant: String, period: (Timestamp, Timestamp), options: ReportOptions, logger: Logger
    ) async throws -> ValueReport {
        let key = ReportCache.Key(tenant: tenant, from: period.0, to: period.1, options: options)
        let source = source.pinned()
        let (cached, version) = try await lookUp(key, on: source, logger: logger)
        if let cached { return cached }
        let clock = ContinuousClock()
        let started = clock.now
        let input = try await source.reportInput(
            tenant: tenant, from: period.0, to: period.1, classBy: options.classBy, logger: logger)
        let gathered = clock.now
        // The tenant's hourly rate setting values net value when the request or command gives none;
        // the data fingerprint includes the setting, so a cached report follows it.
        var options = options
        if options.hourlyRate == nil { options.hourlyRate = input.hourlyRate }
        let builder = ValueReportBuilder(options: options)
        let report = await DedicatedThread.run { builder.build(input) }
        logger.info(
            "report built",
            metadata: [
                // The columns' count: `workflows` builds an observation (three dictionaries and a
                // set) for every closed case, and was timed as part of the build.
                "baton.report.workflows": "\(input.workflowColumns.count)",
                "baton.timing.input_ms": "\((gathered - started).wholeMilliseconds)",
                "baton.timing.build_ms": "\((clock.now - gathered).wholeMilliseconds)",
            ])
        if let cache, let version { await cache.store(report, for: key, version: version) }
        return report
    }

    /// The survey CSV (`GET /v1/export/survey.csv`, `baton export survey`): the value report as
    /// ``report(tenant:period:options:logger:)`` gives it, written by ``SurveyExport``, so the file
    /// and the report show the same numbers.
    package func surveyCSV(
        tenant: String, period: (Timestamp, Timestamp), options: ReportOptions = ReportOptions(), anonymize: Bool,
        includeCosts: Bool = false, logger: Logger
    ) async throws -> String {
        let report = try await report(tenant: tenant, period: period, options: options, logger: logger)
        let context = try await source.surveyContext(tenant: tenant, from: period.0, to: period.1, logger: logger)
        return SurveyExport(report: report, context: context, anonymize: anonymize, includeCosts: includeCosts).csv()
    }
}
