import BatonCore
import BatonStore
import Foundation
import Logging

/// Imports a case-tool export (CSV or JSON lines, plain or gzip) through a ``TableMapping``:
/// the file is read chunk by chunk, each row mapped to contract records, validated by the
/// collector's ``RecordValidator`` and stored in batches through the same storage code as
/// `POST /v1/events`. Memory stays that of one chunk and one batch, whatever the file's size.
///
/// A row is stored whole or rejected whole, with its line and the field at fault; the other rows
/// are unaffected. Importing the same file again stores nothing new (every record is a duplicate).
struct TableLoader {
    let ingest: any IngestRepository
    let tenant: String
    let logger: Logger
    /// Records per transaction, as for NDJSON imports.
    var batchSize = 5_000
    /// Rejections kept in memory for the summary; all of them go to the rejects file.
    var keptRejections = 1_000

    struct Outcome {
        /// Rows read (rejected and skipped ones included).
        var rows = 0
        /// Rows whose status mapped to `skip`.
        var skipped = 0
        var rejectedCount = 0
        /// The first `keptRejections` rejections, in file order.
        var rejected: [TableRowRejection] = []
        var result = IngestResult()
    }

    /// The mapping in a JSON file (snake_case keys).
    static func mapping(at path: String) throws -> TableMapping {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(TableMapping.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw CLIError("\(path) is not a valid table mapping: \(Self.describe(context))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw CLIError(
                "\(path) is not a valid table mapping: \(Self.describe(context, key: key.stringValue)) is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw CLIError("\(path) is not a valid table mapping: \(Self.describe(context)) has the wrong type")
        } catch {
            throw CLIError("\(path) is not a valid table mapping: \(error)")
        }
    }

    private static func describe(_ context: DecodingError.Context, key: String? = nil) -> String {
        let path = (context.codingPath.map(\.stringValue) + (key.map { [$0] } ?? [])).joined(separator: ".")
        let where_ = path.isEmpty ? "the file" : "'\(path)'"
        return key == nil ? "\(where_): \(context.debugDescription)" : where_
    }

    func load(
        path: String, mapping: TableMapping, rejects: FileHandle? = nil,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> Outcome {
        let mapper: TableMapper
        do {
            mapper = try TableMapper(mapping)
        } catch {
            throw CLIError("the mapping cannot be used: \(error.message)")
        }
        let file: InputFile
        do {
            file = try InputFile(path: path)
        } catch let failure as InputFile.Failure {
            throw CLIError(failure.description)
        }
        let validator = RecordValidator(now: .now)
        var outcome = Outcome()
        var batch: [Record] = []
        var reader: TableReader?
        func reject(_ rejection: TableRowRejection) {
            outcome.rejectedCount += 1
            if outcome.rejected.count < keptRejections { outcome.rejected.append(rejection) }
            if let rejects {
                var line: [String: String] = ["line": "\(rejection.line)", "reason": rejection.reason]
                line["field"] = rejection.field
                if let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) {
                    rejects.write(data + Data("\n".utf8))
                }
            }
        }
        func take(_ item: TableReader.Item) {
            outcome.rows += 1
            switch item {
            case .rejected(let rejection): reject(rejection)
            case .row(let row):
                do throws(TableRowRejection) {
                    switch try mapper.records(for: row) {
                    case .skipped: outcome.skipped += 1
                    case .records(let values):
                        var records: [Record] = []
                        for value in values {
                            switch validator.validate(value, index: row.line) {
                            case .success(let record): records.append(record)
                            case .failure(let failure): throw rejection(failure, of: value, row: row, mapper: mapper)
                            }
                        }
                        batch += records
                    }
                } catch {
                    reject(error)
                }
            }
        }
        func flush() async throws {
            guard !batch.isEmpty else { return }
            outcome.result.add(try await ingest.ingest(batch, tenant: tenant, logger: logger))
            batch.removeAll(keepingCapacity: true)
        }
        do {
            while let chunk = try file.next() {
                if reader == nil {
                    let format = mapping.format ?? TableReader.guessFormat(chunk.prefix(4_096))
                    reader = TableReader(
                        format: format, delimiter: mapping.delimiter?.utf8.first ?? UInt8(ascii: ","),
                        columns: mapper.columns)
                }
                var items: [TableReader.Item] = []
                try reader?.feed(chunk) { items.append($0) }
                for item in items {
                    take(item)
                    if batch.count >= batchSize { try await flush() }
                }
                progress(file.bytesRead, file.size)
            }
            var items: [TableReader.Item] = []
            if reader == nil { throw CLIError("\(path) is empty") }
            try reader?.finish { items.append($0) }
            items.forEach(take)
            try await flush()
            progress(file.size, file.size)
        } catch let error as TableMappingError {
            throw CLIError("\(path): \(error.message)")
        } catch let failure as InputFile.Failure {
            throw CLIError(failure.description)
        }
        return outcome
    }

    /// A validation failure of one of a row's records, naming the column the field came from.
    func rejection(_ failure: RecordRejection, of value: JSONValue, row: TableRow, mapper: TableMapper)
        -> TableRowRejection
    {
        let type: String
        if case .object(let fields) = value, case .string(let name)? = fields["type"] { type = name } else { type = "" }
        var field: String?
        if let range = failure.error.range(of: #"field '([a-z_]+)'"#, options: .regularExpression) {
            field = String(failure.error[range].dropFirst("field '".count).dropLast())
        }
        var reason = "\(type): \(failure.error)"
        if let field, let source = mapper.source(ofField: field, in: type) { reason += " (from \(source.label))" }
        return TableRowRejection(line: row.line, field: field, reason: reason)
    }
}
