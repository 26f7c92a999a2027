import Foundation

/// Runs PostgreSQL's command-line programs, as the `postgres` system user when Baton runs as root
/// (`initdb` and `postgres` refuse to run as root).
struct ProcessRunner: Sendable {
    struct Output: Sendable {
        var status: Int32
        var text: String
    }

    /// Run the server programs through `runuser -u postgres --`.
    var asPostgresUser: Bool

    static var isRoot: Bool { geteuid() == 0 }

    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> Output
    {
        let process = Process()
        if asPostgresUser {
            process.executableURL = URL(fileURLWithPath: Self.runuserPath)
            process.arguments = ["-u", "postgres", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        // The server programs must not pick up a caller's libpq settings.
        for key in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE"]
        where environment[key] == nil {
            env[key] = nil
        }
        process.environment = env
        // Output goes to an unlinked temporary file, not a pipe: `pg_ctl start` leaves a server
        // running that may inherit the descriptor, and a pipe would then never reach end-of-file.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "baton-\(UUID().uuidString).out"
        ).path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let output = FileHandle(forUpdatingAtPath: path)
        else {
            throw EmbeddedClusterError.commandFailed(command: executable, output: "cannot create \(path)")
        }
        defer { try? output.close() }
        try? FileManager.default.removeItem(atPath: path)
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try output.seek(toOffset: 0)
        let data = try output.readToEnd() ?? Data()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    static var runuserPath: String {
        for path in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return "runuser"
    }
}
