import ArgumentParser
import BatonCore
import BatonHTTP
import BatonStore
import Foundation

/// `baton handoffs`: the tagging queue in a terminal, with the same filters as `GET /v1/handoffs`.
struct HandoffsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handoffs", abstract: "List handoffs, largest wait first (the tagging queue).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tenant (default: the only tenant with data, else 'default').")
    var tenant: String?

    @Flag(help: "Only handoffs without a tag.")
    var untagged = false

    @Option(
        name: .customLong("min-wait"), help: "Only waits at least this long: 90s, 30m, 2h, 1h30m (a number is minutes)."
    )
    var minimumWait: String?

    @Option(name: .customLong("tool-pair"), help: "Only this tool pair, FROM→TO or FROM->TO.")
    var toolPair: String?

    @Option(help: "Only handoffs into this stage.")
    var stage: String?

    @Option(help: "Only handoffs next to this assistant's AI work (either side).")
    var assistant: String?

    @Option(
        name: .customLong("from-assistant"),
        help: "Only handoffs out of this assistant's AI work ('human': out of work with no AI).")
    var fromAssistant: String?

    @Option(
        name: .customLong("to-assistant"), help: "Only handoffs into this assistant's AI work ('human': no AI).")
    var toAssistant: String?

    @Option(
        name: .customLong("class-by"), help: "Name each row's class by tool pair (tool) or assistant pair (assistant).")
    var classBy: String?

    @Option(help: "Only handoffs at or after this time (YYYY-MM-DD or RFC 3339).")
    var from: String?

    @Option(help: "Only handoffs before this time.")
    var to: String?

    @Option(help: "How many to list (1–500).")
    var limit: Int = 20

    @Option(help: "Continue from a previous listing's cursor.")
    var cursor: String?

    @Option(help: "text or json.")
    var format: Format = .text

    func filter() throws -> HandoffFilter {
        var parameters: [String: String] = ["limit": String(limit)]
        if untagged { parameters["untagged"] = "true" }
        let optional: [(String, String?)] = [
            ("min_wait", minimumWait), ("tool_pair", toolPair), ("stage", stage), ("assistant", assistant),
            ("from_assistant", fromAssistant), ("to_assistant", toAssistant), ("class_by", classBy), ("from", from),
            ("to", to), ("cursor", cursor),
        ]
        for (name, value) in optional { if let value { parameters[name] = value } }
        do {
            return try HandoffFilter(parameters: parameters)
        } catch {
            throw ValidationError("--\(error.parameter.replacingOccurrences(of: "_", with: "-")): \(error.message)")
        }
    }

    func validate() throws { _ = try filter() }

    func run() async throws {
        let logger = try options.makeLogger()
        let filter = try filter()
        let database = try options.database(logger: logger)
        let explicitTenant = tenant
        let page = try await StorageSession.with(database, logger: logger) { storage in
            let tenant = try await storage.tenants.tenant(explicitTenant, logger: logger)
            return try await storage.handoffs.handoffs(matching: filter, tenant: tenant, logger: logger)
        }
        switch format {
        case .json:
            // The same JSON as `GET /v1/handoffs`.
            print(String(decoding: try HandoffPageBody(page, classBy: filter.classBy).prettyJSON(), as: UTF8.self))
        case .text:
            print(page.text(classBy: filter.classBy), terminator: "")
        }
    }
}
