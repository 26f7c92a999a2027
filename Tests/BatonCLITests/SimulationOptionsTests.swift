import ArgumentParser
import BatonSimulation
import Testing

@testable import BatonCLI

@Suite("baton simulate --scenario")
struct SimulationOptionsTests {
    @Test("a bundled scenario by name, a file by path, and an unknown name refused with the names")
    func scenarios() throws {
        for name in Scenario.bundledNames {
            let options = try SimulationOptions.parse(["--scenario", name])
            #expect(try options.makeScenario() == Scenario.bundled(named: name))
        }
        #expect(try SimulationOptions.parse([]).makeScenario() == Scenario.bundledDefault())
        let unknown = try SimulationOptions.parse(["--scenario", "no-such-scenario"])
        // Not a bundled name, so it is read as a file, which does not exist.
        #expect(throws: (any Error).self) { try unknown.makeScenario() }
    }
}
