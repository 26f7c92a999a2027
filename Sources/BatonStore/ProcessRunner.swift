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

    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
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
        for key in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE"] where environment[key] == nil {
            env[key] = nil
        }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
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
