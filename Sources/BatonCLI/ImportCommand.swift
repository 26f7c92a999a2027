import ArgumentParser
import BatonCore
import Foundation

/// `baton import FILE` (or `baton import records FILE`): loads an NDJSON file of contract
/// records, validated and stored exactly as `POST /v1/events` would, or an XES event log.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records", abstract: "Load an NDJSON file of records into a tenant.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson, xes
    }

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The file to load.")
    var file: String

    @Option(help: "File format: ndjson (contract records) or xes (an event log, plain or gzip).")
    var format: Format = .ndjson

    @Option(help: "XES only: a mapping file (JSON, see Docs/xes-import.md); default: start/complete pairs.")
    var mapping: String?

    @Option(help: "Tenant to load into (created if new).")
    var tenant: String = "default"

    func validate() throws {
        guard TenantID.isValid(tenant) else { throw ValidationError("--tenant '\(tenant)': \(TenantID.rule)") }
        if mapping != nil, format != .xes { throw ValidationError("--mapping applies to --format xes only") }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        guard FileManager.default.isReadableFile(atPath: file) else { throw CLIError("cannot read \(file)") }
        if format == .xes { return try await importXES(logger: logger) }
        let database = try options.database(logger: logger)
        let (file, tenant) = (self.file, self.tenant)
        let (result, rejected) = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.ensureTenant(tenant, deliveryModel: nil, logger: logger)
            let progress = ProgressReporter(label: "importing lines", total: 1)
            let outcome = try await RecordLoader(storage: storage, tenant: tenant, logger: logger)
                .importNDJSON(at: file) { done, total in progress.update(done, of: total) }
            try await storage.analyzeAfterBulkLoad(logger: logger)
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
