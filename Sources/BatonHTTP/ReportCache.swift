import BatonCore

/// Recently built reports for the web pages, keyed by tenant, period and options and checked
/// against the tenant's data fingerprint, so a page never shows a stale figure: any new record,
/// tag or rating changes the fingerprint and the report is built again.
actor ReportCache {
    struct Key: Hashable {
        var tenant: String
        var from: Timestamp
        var to: Timestamp
        var options: ReportOptions
    }

    private var entries: [Key: (version: String, report: ValueReport, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int = 32) { self.capacity = capacity }

    func report(_ key: Key, version: String) -> ValueReport? {
        guard let entry = entries[key], entry.version == version else { return nil }
        clock += 1
        entries[key]?.used = clock
        return entry.report
    }

    func store(_ report: ValueReport, for key: Key, version: String) {
        clock += 1
        if entries.count >= capacity, entries[key] == nil,
            let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key
        {
            entries[oldest] = nil
        }
        entries[key] = (version, report, clock)
    }
}
