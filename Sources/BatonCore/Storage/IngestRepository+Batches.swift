package import Logging

extension IngestRepository {
    /// Stores records in order in transactions of `batchSize` records each, large enough to
    /// amortise statements, small enough to keep locks short (the bulk loaders and `baton bench`).
    /// `progress` receives the number stored so far.
    package func ingest(
        _ records: [Record], tenant: String, batchSize: Int, logger: Logger, progress: (Int) -> Void = { _ in }
    ) async throws -> IngestResult {
        var total = IngestResult()
        var start = 0
        while start < records.count {
            let end = min(start + batchSize, records.count)
            let result = try await ingest(Array(records[start..<end]), tenant: tenant, logger: logger)
            total.add(result)
            start = end
            progress(start)
        }
        return total
    }
}
