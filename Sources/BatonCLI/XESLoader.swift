import BatonCore
import BatonStore
import Foundation
import Logging

/// Reads an XES file (plain or gzip), maps its traces with an ``XESMapping`` and stores the
/// records through the same storage code as `POST /v1/events`.
struct XESLoader {
    let ingest: any IngestRepository
    let tenant: String
    let logger: Logger

    struct Outcome {
        var traces = 0
        var events = 0
        var result = IngestResult()
        var rejected: [XESMapping.Rejection] = []
    }

    /// The mapping in a JSON file (snake_case keys), or Baton's own lifecycle mapping.
    static func mapping(at path: String?) throws -> XESMapping {
        guard let path else { return .lifecycle }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(XESMapping.self, from: data)
        } catch {
            throw CLIError("\(path) is not a valid XES mapping: \(error)")
        }
    }

    /// The file's bytes, decompressed when it starts with gzip's magic number.
    static func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        return data.starts(with: [0x1F, 0x8B]) ? try Gunzip.decompress(path) : data
    }

    /// Maps every trace, then stores the records in batches. The records of the whole log are
    /// held in memory between parsing and storing (the parser's callbacks cannot wait for the
    /// database): about 1 KB per task.
    func load(path: String, mapping: XESMapping, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Outcome {
        var outcome = Outcome()
        var records: [Record] = []
        let data = try Self.contents(of: path)
        outcome.traces = try XESReader.read(data) { trace in
            outcome.events += trace.events.count
            do throws(XESMapping.Rejection) {
                records += try mapping.records(for: trace)
            } catch {
                outcome.rejected.append(error)
            }
        }
        outcome.result = try await RecordLoader(ingest: ingest, tenant: tenant, logger: logger).load(records) {
            progress($0, records.count)
        }
        return outcome
    }
}
