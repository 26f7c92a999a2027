import Foundation

/// Where PostgreSQL's server programs (`initdb`, `pg_ctl`, `postgres`) are installed.
package struct PostgresBinaries: Sendable {
    var directory: String

    package func path(_ program: String) -> String { directory + "/" + program }

    /// Looks in `BATON_PG_BINDIR`, then `pg_config --bindir` (from libpq-dev), then the newest
    /// `/usr/lib/postgresql/*/bin`, then `PATH`.
    package static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        systemDirectory: String = "/usr/lib/postgresql"
    ) -> PostgresBinaries? {
        var candidates: [String] = []
        if let explicit = environment["BATON_PG_BINDIR"] { candidates.append(explicit) }
        if let pgConfig = findInPath("pg_config", environment: environment),
            let output = try? ProcessRunner(asPostgresUser: false).run(pgConfig, ["--bindir"]),
            output.status == 0
        {
            candidates.append(output.text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: systemDirectory)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            candidates.append("\(systemDirectory)/\(version)/bin")
        }
        if let initdb = findInPath("initdb", environment: environment) {
            candidates.append((initdb as NSString).deletingLastPathComponent)
        }
        for directory in candidates
        where ["initdb", "pg_ctl", "postgres", "createdb"].allSatisfy({
            FileManager.default.isExecutableFile(atPath: directory + "/" + $0)
        }) {
            return PostgresBinaries(directory: directory)
        }
        return nil
    }

    static func findInPath(_ program: String, environment: [String: String]) -> String? {
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
