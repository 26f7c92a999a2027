import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton assign --assistant X WORKFLOW_ID…` (or ids one per line on standard input): the arms,
/// exactly as `POST /v1/assignments` answers them, one line per case (`workflow arm experiment assigned_at`).
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Ask for the experiment arm of cases (the first ask is recorded; later asks get the same answer).")

    @OptionGroup var options: TenantStorageOptions

    @Option(help: "The assistant that would work on the cases.")
    var assistant: String

    @Argument(help: "Workflow ids; none: read them from standard input, one per line.")
    var workflowIDs: [String] = []

    func run() async throws {
        var ids = workflowIDs
        if ids.isEmpty {
            while let line = readLine() {
                let id = line.trimmingCharacters(in: .whitespaces)
                if !id.isEmpty { ids.append(id) }
            }
        }
        guard !ids.isEmpty else {
            throw ValidationError("no workflow ids: give them as arguments or on standard input")
        }
        let requests = ids.map { AssignmentRequest(workflowID: $0, assistant: assistant) }
        let answers = try await options.withStorage { storage, tenant, logger in
            var answers: [ArmAssignment] = []
            var start = 0
            while start < requests.count {
                let end = min(start + ArmAssignment.maxBatch, requests.count)
                answers += try await storage.experiments.assign(
                    Array(requests[start..<end]), tenant: tenant, logger: logger)
                start = end
            }
            return answers
        }
        for answer in answers {
            print(
                [answer.workflowID, answer.arm.rawValue, answer.experiment ?? "-", answer.assignedAt?.rfc3339 ?? "-"]
                    .joined(separator: "\t"))
        }
    }
}
