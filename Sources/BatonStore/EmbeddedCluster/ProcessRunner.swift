import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs PostgreSQL's command-line programs, as the `postgres` system user when Baton runs as root
/// (`initdb` and `postgres` refuse to run as root).
///
/// Uses `posix_spawn` and `waitpid` directly: Foundation's `Process` notices a child's exit through
/// a run loop, which never turns in some hosts (the test runner among them), and `pg_ctl start`
/// then appears to hang forever. It also records the child's peak resident memory, which
/// `baton bench` reports for the exports it runs as children.
package struct ProcessRunner: Sendable {
    package struct Output: Sendable {
        package var status: Int32
        /// Standard output and standard error, interleaved.
        package var text: String
        /// Wall time from spawning the child to its exit.
        package var seconds: Double
        /// The child's peak resident memory (`VmHWM`, sampled every 20 ms while it runs).
        package var peakResidentBytes: Int
    }

    /// Run the server programs through `runuser -u postgres --`.
    var asPostgresUser: Bool

    package init(asPostgresUser: Bool) {
        self.asPostgresUser = asPostgresUser
    }

    package static var isRoot: Bool { geteuid() == 0 }

    /// Runs the program to its end, blocking the calling thread while it runs.
    package func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> Output
    {
        let argv: [String] =
            asPostgresUser
            ? [Self.runuserPath, "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        var env = ProcessInfo.processInfo.environment
        // The server programs must not pick up a caller's libpq settings.
        for key in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE", "PGPASSWORD"] { env[key] = nil }
        for (key, value) in environment { env[key] = value }

        // Output goes to an unlinked temporary file, not a pipe: `pg_ctl start` leaves a server
        // running, and a pipe it inherited would never reach end-of-file.
        var template = Array((NSTemporaryDirectory() + "/baton-run-XXXXXX").utf8CString)
        let outputFD = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard outputFD >= 0 else {
            throw EmbeddedClusterError.commandFailed(command: executable, output: "cannot create a temporary file")
        }
        defer { close(outputFD) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 2)
        posix_spawn_file_actions_addclose(&actions, outputFD)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        let clock = ContinuousClock()
        let started = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else {
            throw EmbeddedClusterError.commandFailed(
                command: argv.joined(separator: " "), output: String(cString: strerror(spawned)))
        }
        // The child's peak memory is read from /proc while it runs: its high-water mark belongs to
        // the image it exec'd. `wait4`'s ru_maxrss would not do: posix_spawn runs the child on this
        // process's memory until exec, and Linux keeps that high-water mark in the child's maxrss.
        var status: Int32 = 0
        var peak = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            guard waited == 0 || errno == EINTR else {
                throw EmbeddedClusterError.commandFailed(command: executable, output: "waitpid failed")
            }
            peak = max(peak, Self.residentHighWaterMark(of: pid))
            usleep(20_000)
        }
        let (wholeSeconds, attoseconds) = (clock.now - started).components
        let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)

        var text = Data()
        lseek(outputFD, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(outputFD, &buffer, buffer.count)
            if count <= 0 { break }
            text.append(contentsOf: buffer[0..<count])
        }
        return Output(
            status: exitCode, text: String(decoding: text, as: UTF8.self),
            seconds: Double(wholeSeconds) + Double(attoseconds) / 1e18,
            peakResidentBytes: peak)
    }

    /// `VmHWM` of a running process in bytes (0 when it cannot be read, e.g. once it has exited).
    static func residentHighWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    static var runuserPath: String {
        for path in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return "/usr/sbin/runuser"
    }
}
