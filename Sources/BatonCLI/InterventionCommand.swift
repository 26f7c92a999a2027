import ArgumentParser
import BatonCore
import BatonReports
import BatonStore
import Foundation

/// `baton intervention add|list`: recorded process changes and what each did to its target's
/// waiting (`Docs/interventions.md`), with the same rules as `/v1/interventions`.
struct InterventionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervention", abstract: "Record process changes and see what they did to waiting.",
        subcommands: [InterventionAddCommand.self, InterventionListCommand.self])
}

/// `baton intervention add --date D --class edr→soar --description TEXT` (or `--pair`, `--assistant`).
struct InterventionAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record that from a date the SOC changed how some handoffs are worked.")

    @OptionGroup var options: TenantStorageOptions

    @Option(help: "When the change took effect (YYYY-MM-DD, midnight UTC, or RFC 3339).")
    var date: String

    @Option(
        name: .customLong("class"), help: "Target: a handoff class by tool pair, such as 'edr→soar' or 'edr->soar'.")
    var handoffClass: String?

    @Option(help: "Target: a pair of sides, an assistant or 'human' each, such as 'siem-triage-assistant → human'.")
    var pair: String?

    @Option(help: "Target: one assistant (every handoff into or out of its work).")
    var assistant: String?

    @Option(help: "What changed, in a sentence (at most 1,000 characters).")
    var description: String

    /// The fields as `POST /v1/interventions` takes them, so both check them the same way.
    func input() throws -> InterventionInput {
        let targets: [(InterventionTarget.Kind, String?)] = [
            (.handoffClass, handoffClass), (.assistantPair, pair), (.assistant, assistant),
        ]
        let given = targets.filter { $0.1 != nil }
        guard given.count == 1, let (kind, target) = given.first, let target else {
            throw ValidationError("give exactly one target: --class, --pair or --assistant")
        }
        let fields: [String: JSONValue] = [
            "date": .string(date), "target_kind": .string(kind.rawValue), "target": .string(target),
            "description": .string(description),
        ]
        switch InterventionInput.validated(fields: fields) {
        case .success(let input): return input
        case .failure(let rejection):
            // The message names the body's field; say which flag that is.
            let flag = kind == .handoffClass ? "class" : kind == .assistantPair ? "pair" : "assistant"
            throw ValidationError(
                rejection.message.replacingOccurrences(of: "field 'target'", with: "--\(flag)")
                    .replacingOccurrences(of: "field 'date'", with: "--date")
                    .replacingOccurrences(of: "field 'description'", with: "--description"))
        }
    }

    func validate() throws { _ = try input() }

    func run() async throws {
        let input = try input()
        let stored = try await options.withStorage { storage, tenant, logger in
            try await storage.interventions.addIntervention(input, tenant: tenant, by: nil, logger: logger)
        }
        print("recorded " + InterventionListCommand.line(stored))
    }
}

/// `baton intervention list`: one line per intervention, oldest first, each followed by what it did
/// to its target's waiting over the report's period (`--from`, `--to` as `baton report`).
struct InterventionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the recorded interventions with their measured effect.")

    @OptionGroup var options: TenantStorageOptions

    @Option(help: "Start of the period, RFC 3339 or YYYY-MM-DD (default: 90 days before --to).")
    var from: String?

    @Option(help: "End of the period, exclusive (default: midnight UTC after the tenant's latest case, else now).")
    var to: String?

    func run() async throws {
        _ = try ReportPeriod.resolve(from: from, to: to)
        let (fromText, toText) = (from, to)
        let (all, effects) = try await options.withStorage { storage, tenant, logger in
            let all = try await storage.interventions.interventions(tenant: tenant, logger: logger)
            let reports = ReportService(source: storage.reports)
            let period = try await reports.period(from: fromText, to: toText, tenant: tenant, logger: logger)
            guard all.contains(where: { $0.date >= period.0 && $0.date < period.1 }) else {
                return (all, [Int: ValueReport.InterventionEffect]())
            }
            let report = try await reports.report(tenant: tenant, period: period, logger: logger)
            let measured = (report.interventions ?? []).filter { $0.verdict != "before the period" }
            return (all, Dictionary(measured.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        }
        if all.isEmpty { print("no interventions: record one with `baton intervention add`") }
        for i in all {
            print(Self.line(i))
            if let e = effects[i.id] {
                print("    \(e.verdict): \(e.summary)")
                if e.effectMinutes.value != nil { print("    \(e.comparisonText)") }
                for w in e.warnings { print("    warning: \(w)") }
            }
        }
    }

    /// `#3 2026-02-16 handoff class edr→soar: Pre-approve standard containment actions`.
    static func line(_ i: Intervention) -> String {
        "#\(i.id) \(String(i.date.rfc3339.prefix(10))) \(i.target.text): "
            + i.description.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
