import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton check`: recomputes every workflow's figures and handoffs from its stored tasks and
/// compares them with what is stored. Exit 0 when they agree, 1 (listing the first differences)
/// when they do not.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that stored workflow figures and handoffs equal a recomputation from the stored tasks.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tenant (default: the only tenant with data, else 'default').")
    var tenant: String?

    @Option(help: "How many differences to list at most.")
    var limit: Int = 20

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let logger = try options.makeLogger()
        let database = try options.database(logger: logger)
        let (explicitTenant, limit) = (tenant, limit)
        let (tenant, report) = try await StorageSession.with(database, logger: logger) { storage in
            let tenant = try await storage.tenants.tenant(explicitTenant, logger: logger)
            return (
                tenant,
                try await storage.maintenance.checkDerivedData(tenant: tenant, differenceLimit: limit, logger: logger)
            )
        }
        print(Self.summary(report, tenant: tenant))
        guard report.isConsistent else { throw ExitCode.failure }
    }

    static func summary(_ report: ConsistencyReport, tenant: String) -> String {
        var lines = [
            "tenant \(tenant): \(report.workflows) workflows, \(report.tasks) tasks, "
                + "\(report.storedHandoffs) handoffs stored, \(report.derivedHandoffs) recomputed"
        ]
        if report.isConsistent {
            lines.append(
                "consistent: every workflow's figures and handoffs equal a recomputation from its tasks,"
                    + " every row is in its workflow's month, and every handoff's current tag is its newest")
        } else {
            lines.append(
                "INCONSISTENT: \(report.inconsistentWorkflows) workflows differ, \(report.misplacedRows) rows misplaced, "
                    + "\(report.staleCurrentTags) current tags stale; the first differences:")
            lines += report.differences.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
