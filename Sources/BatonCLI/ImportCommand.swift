import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton import FILE` (or `baton import records FILE`): loads an NDJSON file of contract
/// records, validated and stored exactly as `POST /v1/events` would, or an XES event log.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records", abstract: "Load an NDJSON file of records into a tenant.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson, xes, table
    }

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The file to load.")
    var file: String

    @Option(
        help:
            "File format: ndjson (contract records), xes (an event log) or table (a case tool's CSV or JSON-lines export through --mapping); xes and table may be gzip."
    )
    var format: Format = .ndjson

    @Option(
        help:
            "The mapping file (JSON): for xes optional (Docs/xes-import.md; default: start/complete pairs), for table required (Docs/import.md)."
    )
    var mapping: String?

    @Option(help: "Table only: write every rejected row (line, field, reason) to this file as JSON lines.")
    var rejects: String?

    @Option(help: "Tenant to load into (created if new).")
    var tenant: String = "default"

    func validate() throws {
        guard TenantID.isValid(tenant) else { throw ValidationError("--tenant '\(tenant)': \(TenantID.rule)") }
        if mapping != nil, format == .ndjson { throw ValidationError("--mapping applies to --format xes or table") }
        if format == .table, mapping == nil {
            throw ValidationError(
                "--format table needs --mapping (Docs/import.md; shipped ones in Docs/import-mappings)")
        }
        if rejects != nil, format != .table { throw ValidationError("--rejects applies to --format table only") }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        guard FileManager.default.isReadableFile(atPath: file) else { throw CLIError("cannot read \(file)") }
        if format == .xes { return try await importXES(logger: logger) }
        if format == .table { return try await importTable(logger: logger) }
        let database = try options.database(logger: logger)
        let (file, tenant) = (self.file, self.tenant)
        let (result, rejected) = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: logger)
            let progress = ProgressReporter(label: "importing lines", total: 1)
            let outcome = try await RecordLoader(ingest: storage.ingest, tenant: tenant, logger: logger)
                .importNDJSON(at: file) { done, total in progress.update(done, of: total) }
            try await storage.maintenance.analyzeAfterBulkLoad(logger: logger)
            return outcome
        }
        for rejection in rejected.prefix(20) {
            print("line \(rejection.index)\(rejection.id.map { " (\($0))" } ?? ""): \(rejection.error)")
        }
        if rejected.count > 20 { print("… and \(rejected.count - 20) more rejected lines") }
        print("\(result.accepted) records stored, \(result.duplicates) duplicates, \(rejected.count) rejected")
        if result.accepted + result.duplicates == 0, !rejected.isEmpty { throw ExitCode.failure }
    }
}
