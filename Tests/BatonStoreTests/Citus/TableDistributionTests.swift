import BatonStore
import Foundation
import Testing

@Suite("Table distribution declaration")
struct TableDistributionTests {
    @Test("lines of `table class` with comments; an unknown class or a table named twice names the line")
    func parse() throws {
        let parsed = try TableDistribution.parse(
            """
            # comment
            tenants   reference   # trailing comment

            workflows distributed
            baton_migrations local
            """)
        #expect(
            parsed
                == TableDistribution(tables: [
                    ("tenants", .reference), ("workflows", .distributed), ("baton_migrations", .local),
                ]))
        #expect(throws: DistributionError(line: 2, message: "expected `table distributed|reference|local`")) {
            try TableDistribution.parse("a local\nb sharded\n")
        }
        #expect(throws: DistributionError(line: 3, message: "a is declared twice")) {
            try TableDistribution.parse("a local\n\na reference\n")
        }
    }

    @Test("the setup distributes reference tables first and co-locates every distributed table with the first")
    func setup() {
        let distribution = TableDistribution(tables: [
            ("tenants", .reference), ("workflows", .distributed), ("tasks", .distributed), ("bookkeeping", .local),
        ])
        #expect(
            distribution.citusSetup == [
                "SELECT create_reference_table('tenants');",
                "SELECT create_distributed_table('workflows', 'tenant_id');",
                "SELECT create_distributed_table('tasks', 'tenant_id', colocate_with => 'workflows');",
            ])
    }

    @Test("Docs/scaling.md shows the setup generated from SQL/distribution.txt, line for line")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("Docs/scaling.md"), encoding: .utf8)
        let setup = try TableDistribution.bundled().citusSetup
        #expect(setup.count > 3)
        #expect(page.contains(setup.joined(separator: "\n")), "Docs/scaling.md lacks the current setup block")
    }
}
