import ArgumentParser
import BatonCore
import BatonStore
import Foundation
import Logging

extension ImportCommand {
    /// `baton import --format xes FILE [--mapping M]`: an event log, mapped to records.
    func importXES(logger: Logger) async throws {
        let mapping = try XESLoader.mapping(at: self.mapping)
        let database = try options.database(logger: logger)
        let (file, tenant) = (self.file, self.tenant)
        let outcome = try await StorageSession.with(database, logger: logger) { storage in
            try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: logger)
            let progress = ProgressReporter(label: "importing records", total: 1)
            let outcome = try await XESLoader(ingest: storage.ingest, tenant: tenant, logger: logger)
                .load(path: file, mapping: mapping) { done, total in progress.update(done, of: total) }
            try await storage.maintenance.analyzeAfterBulkLoad(logger: logger)
            return outcome
        }
        for rejection in outcome.rejected.prefix(20) {
            print("trace \(rejection.trace ?? "(unnamed)"): \(rejection.reason)")
        }
        if outcome.rejected.count > 20 { print("… and \(outcome.rejected.count - 20) more rejected traces") }
        print(
            "\(outcome.traces) traces, \(outcome.events) events read; \(outcome.result.accepted) records stored, \(outcome.result.duplicates) duplicates, \(outcome.rejected.count) traces rejected"
        )
        if outcome.result.accepted + outcome.result.duplicates == 0, outcome.traces > 0 { throw ExitCode.failure }
    }
}
