import ArgumentParser
import BatonCore
import BatonSimulation
import Foundation

/// Options shared by `baton simulate` and `baton demo` that shape the simulated SOC.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Seed of the generator: the same seed gives the same SOC.")
    var seed: UInt64 = 1

    @Option(
        help:
            "Scenario: a bundled one by name (\(Scenario.allBundledNames.joined(separator: ", "))) or a JSON file (default: the bundled default; see Docs/simulation.md)."
    )
    var scenario: String?

    @Option(help: "Length of the period in days (overrides the scenario).")
    var days: Double?

    @Option(help: "Workflows per tenant (overrides the scenario).")
    var workflows: Int?

    @Option(
        help: "Number of tenants, for an MSSP (overrides the scenario; delivery models cycle in-house, hybrid, mssp).")
    var tenants: Int?

    func validate() throws {
        if let days, days <= 0 { throw ValidationError("--days must be positive") }
        if let workflows, workflows <= 0 { throw ValidationError("--workflows must be positive") }
        if let tenants, !(1...100).contains(tenants) { throw ValidationError("--tenants must be 1 to 100") }
    }

    func makeScenario() throws -> Scenario {
        var scenario =
            try scenario.map { name in
                // A bundled name, unless a file of that name exists here.
                Scenario.allBundledNames.contains(name)
                    && !FileManager.default.fileExists(atPath: name)
                    ? try Scenario.bundled(named: name) : try Scenario.load(from: URL(fileURLWithPath: name))
            } ?? Scenario.bundledDefault()
        if let days { scenario.days = days }
        if let workflows { scenario.workflows = workflows }
        if let tenants {
            let models: [DeliveryModel] = [.inHouse, .hybrid, .mssp]
            scenario.tenants = (1...tenants).map {
                Scenario.TenantSpec(id: "soc-\($0)", deliveryModel: models[($0 - 1) % models.count].rawValue)
            }
        }
        try scenario.validate()
        return scenario
    }
}
