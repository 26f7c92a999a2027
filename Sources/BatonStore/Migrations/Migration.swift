import BatonCore
import Crypto
public import Foundation

/// One numbered SQL file from `SQL/`, such as `0001_spine.sql`.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var sql: String
    /// SHA-256 of the file, hex; an applied migration whose file changed is refused.
    public var checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The migrations shipped with Baton (the `SQL/` folder, bundled as a resource), in order.
    public static func bundled() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else {
            throw MigrationError.missingDirectory("SQL (bundled resource)")
        }
        return try load(from: directory)
    }

    /// Reads `NNNN_name.sql` files from a directory, in version order.
    public static func load(from directory: URL) throws -> [Migration] {
        // `schema.sql` is the schema the migrations build, written out for readers (a test keeps
        // it current); it is not a migration.
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".sql") && $0 != "schema.sql"
        }
        var migrations: [Migration] = []
        for file in files {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]),
                version > 0
            else {
                throw MigrationError.badFileName(file)
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            migrations.append(Migration(version: version, name: file, sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw MigrationError.duplicateVersion(a.name, b.name)
        }
        return migrations
    }

    var statements: [String] { SQLScript.statements(sql) }
}
