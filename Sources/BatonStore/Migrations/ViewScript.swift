import BatonCore
import Crypto
public import Foundation

/// One file of `SQL/views/`: views and functions that define figures (the report's friction, the
/// dashboards' panels, the handoff projections, row security) in one place each.
///
/// Unlike a migration, a view script may change: ``Migrator`` runs it again, after the
/// migrations, whenever its checksum differs from the one recorded in `baton_views`, or a
/// migration was applied in the same run (a migration may drop what a script made). Each script
/// must therefore be re-runnable: `CREATE OR REPLACE`, or drop-and-create inside the transaction.
public struct ViewScript: Sendable, Hashable {
    public var name: String
    public var sql: String
    /// SHA-256 of the file, hex.
    public var checksum: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The scripts shipped with Baton (`SQL/views/`, bundled with the migrations), in name order.
    public static func bundled() throws -> [ViewScript] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else {
            throw MigrationError.missingDirectory("SQL (bundled resource)")
        }
        return try load(from: directory.appendingPathComponent("views"))
    }

    /// Reads `NNNN_name.sql` files from a directory, in name order.
    public static func load(from directory: URL) throws -> [ViewScript] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".sql")
        }.sorted()
        return try files.map { file in
            guard let first = file.unicodeScalars.first, ("0"..."9").contains(first) else {
                throw MigrationError.badFileName("views/\(file)")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return ViewScript(name: file, sql: sql)
        }
    }

    /// The scripts for a list of migrations: the bundled ones when the list ends with Baton's own
    /// latest migration (the scripts are written against that schema), none for any other list
    /// (a test that stops at an older migration, or a made-up schema).
    static func matching(_ migrations: [Migration]) -> [ViewScript] {
        guard let shipped, migrations.last == shipped.latest else { return [] }
        return shipped.views
    }

    /// Baton's latest migration and its view scripts, read and hashed once per process (every
    /// ``Migrator`` asks, and the test suite makes hundreds).
    private static let shipped: (latest: Migration, views: [ViewScript])? = {
        guard let latest = try? Migration.bundled().last, let views = try? bundled() else { return nil }
        return (latest, views)
    }()

    var statements: [String] { SQLScript.statements(sql) }
}
