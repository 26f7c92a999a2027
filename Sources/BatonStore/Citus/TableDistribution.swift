import Foundation

/// How each table would be placed on a Citus cluster: the declaration in `SQL/distribution.txt`,
/// read by the schema check (``CitusRules``) and by the setup script in `Docs/scaling.md`, so the
/// two cannot drift apart.
package struct TableDistribution: Sendable, Equatable {
    /// A table's class on Citus.
    package enum Placement: String, Sendable, CaseIterable {
        /// Sharded by `tenant_id`, co-located with every other distributed table.
        case distributed
        /// Replicated to every node: small tables that distributed tables may reference.
        case reference
        /// Kept on the coordinator only.
        case local
    }

    /// The tables in declaration order, which is the order Citus must process them in.
    package var tables: [(name: String, placement: Placement)]

    package init(tables: [(name: String, placement: Placement)]) {
        self.tables = tables
    }

    package static func == (a: TableDistribution, b: TableDistribution) -> Bool {
        a.tables.elementsEqual(b.tables) { $0.name == $1.name && $0.placement == $1.placement }
    }

    /// The class of `table`, or `nil` when the declaration does not name it.
    package func placement(of table: String) -> Placement? {
        tables.first { $0.name == table }?.placement
    }

    /// The declaration shipped with Baton (`SQL/distribution.txt`, bundled with the migrations).
    package static func bundled() throws -> TableDistribution {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else {
            throw MigrationError.missingDirectory("SQL (bundled resource)")
        }
        let text = try String(contentsOf: directory.appendingPathComponent("distribution.txt"), encoding: .utf8)
        return try parse(text)
    }

    /// Parses lines of `table class`; `#` starts a comment. A table named twice or an unknown
    /// class is an error naming the line, so a typo cannot silently leave a table unchecked.
    package static func parse(_ text: String) throws -> TableDistribution {
        var tables: [(name: String, placement: Placement)] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard !fields.isEmpty else { continue }
            guard fields.count == 2, let placement = Placement(rawValue: String(fields[1])) else {
                throw DistributionError(line: offset + 1, message: "expected `table distributed|reference|local`")
            }
            let name = String(fields[0])
            guard !tables.contains(where: { $0.name == name }) else {
                throw DistributionError(line: offset + 1, message: "\(name) is declared twice")
            }
            tables.append((name, placement))
        }
        return TableDistribution(tables: tables)
    }

    /// The statements that distribute the declared tables on Citus, in declaration order: the
    /// reference tables, then the distributed ones co-located with the first of them (Citus
    /// refuses a foreign key to a table that is not distributed yet, hence the order).
    package var citusSetup: [String] {
        let anchor = tables.first { $0.placement == .distributed }?.name
        return tables.compactMap { table in
            switch table.placement {
            case .reference:
                return "SELECT create_reference_table('\(table.name)');"
            case .distributed where table.name == anchor:
                return "SELECT create_distributed_table('\(table.name)', 'tenant_id');"
            case .distributed:
                return "SELECT create_distributed_table('\(table.name)', 'tenant_id', colocate_with => '\(anchor!)');"
            case .local:
                return nil
            }
        }
    }
}
