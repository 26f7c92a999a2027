package import BatonCore

/// Recently built reports, keyed by tenant, period and options and checked against the tenant's
/// data fingerprint, so no rendering shows a stale figure: any new record, tag or rating changes
/// the fingerprint and the report is built again.
package actor ReportCache {
    package struct Key: Hashable, Sendable {
        package var tenant: String
        package var from: Timestamp
        package var to: Timestamp
        package var options: ReportOptions

        package init(tenant: String, from: Timestamp, to: Timestamp, options: ReportOptions) {
            self.tenant = tenant
            self.from = from
            self.to = to
            self.options = options
        }
    }

    private var entries: [Key: (version: String, report: ValueReport, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    package init(capacity: Int = 32) { self.capacity = capacity }

    package func report(_ key: Key, version: String) -> ValueReport? {
        guard let entry = entries[key], entry.version == version else { return nil }
        clock += 1
        entries[key]?.used = clock
        return entry.report
    }

    package func store(_ report: ValueReport, for key: Key, version: String) {
        clock += 1
        if entries.count >= capacity, entries[key] == nil,
            let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key
        {
            entries[oldest] = nil
        }
        entries[key] = (version, report, clock)
    }
}
