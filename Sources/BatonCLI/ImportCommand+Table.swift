import ArgumentParser
import BatonCore
import BatonStore
import Foundation
import Logging

extension ImportCommand {
    /// `baton import --format table FILE --mapping M`: a case tool's export, mapped to records.
    func importTable(logger: Logger) async throws {
        guard let mappingPath = self.mapping else { throw ValidationError("--format table needs --mapping") }
        let mapping = try TableLoader.mapping(at: mappingPath)
        let rejectsFile: FileHandle? = try rejects.map { path in
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else { throw CLIError("cannot write \(path)") }
            return handle
        }
        defer { try? rejectsFile?.close() }
        let database = try options.database(logger: logger)
        let (file, tenant) = (self.file, self.tenant)
        let outcome = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: logger)
            let progress = ProgressReporter(
                label: "importing \((file as NSString).lastPathComponent) (bytes)", total: 1)
            let outcome = try await TableLoader(ingest: storage.ingest, tenant: tenant, logger: logger)
                .load(path: file, mapping: mapping, rejects: rejectsFile) { done, total in
                    progress.update(done, of: total)
                }
            try await storage.maintenance.analyzeAfterBulkLoad(logger: logger)
            return outcome
        }
        for rejection in outcome.rejected.prefix(20) { print(rejection.description) }
        if outcome.rejectedCount > 20 {
            print(
                "… and \(outcome.rejectedCount - 20) more rejected rows\(rejects.map { " (all in \($0))" } ?? " (--rejects FILE lists them all)")"
            )
        }
        print(
            "\(outcome.rows) rows read: \(outcome.result.accepted) records stored, \(outcome.result.duplicates) duplicates, \(outcome.skipped) rows skipped by their status, \(outcome.rejectedCount) rows rejected"
        )
        if outcome.result.accepted + outcome.result.duplicates == 0, outcome.rejectedCount > 0 {
            throw ExitCode.failure
        }
    }
}
