import BatonCore
import BatonStore
import Foundation
import Logging

/// Loads records into one tenant in batches, through the same storage code as `POST /v1/events`.
struct RecordLoader {
    let ingest: any IngestRepository
    let tenant: String
    let logger: Logger
    /// Records per transaction: large enough to amortise statements, small enough to keep locks short.
    var batchSize = 5_000

    /// Stores records in order; `progress` receives the number stored so far.
    func load(_ records: [Record], progress: (Int) -> Void = { _ in }) async throws -> IngestResult {
        try await ingest.ingest(records, tenant: tenant, batchSize: batchSize, logger: logger, progress: progress)
    }

    /// Reads an NDJSON file, validates each line as the collector does and stores the valid records.
    /// Returns the storage result and the rejections, indexed by line number (1-based).
    func importNDJSON(at path: String, progress: ((Int, Int) -> Void)? = nil) async throws -> (
        IngestResult, [RecordRejection]
    ) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path)")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let validator = RecordValidator(now: .now)
        var rejected: [RecordRejection] = []
        var total = IngestResult()
        var batch: [Record] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let result = try await ingest.ingest(batch, tenant: tenant, logger: logger)
            total.add(result)
            batch.removeAll(keepingCapacity: true)
        }
        for (offset, line) in lines.enumerated() {
            if batch.count >= batchSize {
                try await flush()
                progress?(offset, lines.count)
            }
            let items: [BatchParser.Item]
            do {
                items = try BatchParser.parse(Data(line), format: .ndjson)
            } catch {
                // A blank line is no record; anything else that is not JSON is rejected.
                if error.message != "body is empty" {
                    rejected.append(RecordRejection(index: offset + 1, id: nil, error: "not valid JSON"))
                }
                continue
            }
            for item in items {
                switch item.flatMap({ validator.validate($0, index: offset + 1) }) {
                case .success(let record): batch.append(record)
                case .failure(let rejection):
                    rejected.append(RecordRejection(index: offset + 1, id: rejection.id, error: rejection.error))
                }
            }
        }
        try await flush()
        progress?(lines.count, lines.count)
        return (total, rejected)
    }
}
