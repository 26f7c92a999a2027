import Crypto
import Foundation
public import Logging

/// Baton's own PostgreSQL cluster, used when no `DATABASE_URL` is set.
///
/// The cluster lives under `BATON_HOME` (default `./.baton`). It listens on 127.0.0.1 on a private
/// port and on a unix socket in a private directory, with a generated password (SCRAM). It keeps
/// running after `baton` exits so that several `baton` processes can share it; `baton db stop`
/// stops it. Starting, stopping and first-time set-up hold an exclusive lock on
/// `BATON_HOME/cluster.lock`, so two processes never initialise or start it twice.
///
/// PostgreSQL refuses to run as root. When Baton runs as root, the server runs as the `postgres`
/// system user and its files live in `/var/lib/baton/clusters/<hash of BATON_HOME>`, which that
/// user owns (a `BATON_HOME` under `/root` would not be reachable by it).
public struct EmbeddedCluster: Sendable {
    /// What `baton` remembers about its cluster, in `BATON_HOME/cluster.json` (mode 0600).
    struct State: Codable, Sendable {
        var clusterRoot: String
        var port: Int
        var password: String
        var username: String
        var database: String
        var databaseCreated: Bool
    }

    public enum Status: Sendable, Equatable {
        case notInitialized
        case stopped
        case running(port: Int)
    }

    /// Absolute path of `BATON_HOME`.
    public let home: String
    let binaries: PostgresBinaries?
    let runner: ProcessRunner

    public init(home: String) {
        let absolute = URL(fileURLWithPath: home).standardizedFileURL.path
        self.home = absolute
        self.binaries = PostgresBinaries.locate()
        self.runner = ProcessRunner(asPostgresUser: ProcessRunner.isRoot)
    }

    var statePath: String { home + "/cluster.json" }
    var lockPath: String { home + "/cluster.lock" }

    /// Where the cluster's files live: inside `BATON_HOME`, or, as root, in a directory the
    /// `postgres` user owns.
    var defaultClusterRoot: String {
        guard ProcessRunner.isRoot else { return home + "/postgres" }
        let real = URL(fileURLWithPath: home).resolvingSymlinksInPath().path
        let digest = SHA256.hash(data: Data(real.utf8)).prefix(8).map { String(format: "%02x", $0) }
            .joined()
        return "/var/lib/baton/clusters/" + digest
    }

    /// Starts the cluster if it is not running, creating it on first use, and returns how to reach it.
    @discardableResult
    public func start(logger: Logger) throws -> DatabaseEndpoint {
        let binaries = try requireBinaries()
        return try withLock {
            var state = try loadState() ?? initialize(binaries: binaries, logger: logger)
            let data = state.clusterRoot + "/data"
            if try !isRunning(binaries: binaries, dataDirectory: data) {
                if !PortProbe.isFree(state.port) {
                    state.port = try PortProbe.freePort()
                    try setPort(state.port, dataDirectory: data)
                    try saveState(state)
                }
                logger.info("starting embedded PostgreSQL", metadata: ["baton.db.port": "\(state.port)"])
                let started = try runner.run(
                    binaries.path("pg_ctl"),
                    ["start", "-D", data, "-l", state.clusterRoot + "/server.log", "-w", "-t", "60", "-s"])
                guard started.status == 0 else {
                    let log =
                        (try? String(contentsOfFile: state.clusterRoot + "/server.log", encoding: .utf8)) ?? ""
                    throw EmbeddedClusterError.commandFailed(
                        command: "pg_ctl start", output: started.text + "\n" + log.suffix(2000))
                }
            }
            if !state.databaseCreated {
                let created = try runner.run(
                    binaries.path("createdb"),
                    [
                        "-h", state.clusterRoot + "/run", "-p", "\(state.port)", "-U", state.username,
                        state.database,
                    ],
                    environment: ["PGPASSWORD": state.password])
                guard created.status == 0 || created.text.contains("already exists") else {
                    throw EmbeddedClusterError.commandFailed(command: "createdb", output: created.text)
                }
                state.databaseCreated = true
                try saveState(state)
            }
            return endpoint(state)
        }
    }

    /// Stops the cluster if it runs (fast shutdown: open sessions are ended, nothing committed is lost).
    public func stop(logger: Logger) throws {
        let binaries = try requireBinaries()
        try withLock {
            guard let state = try loadState() else { return }
            let data = state.clusterRoot + "/data"
            guard try isRunning(binaries: binaries, dataDirectory: data) else { return }
            logger.info("stopping embedded PostgreSQL")
            let stopped = try runner.run(
                binaries.path("pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w", "-s"])
            guard stopped.status == 0 else {
                throw EmbeddedClusterError.commandFailed(command: "pg_ctl stop", output: stopped.text)
            }
        }
    }

    /// Stops the cluster and deletes its files and `BATON_HOME/cluster.json`. For throwaway clusters.
    public func destroy(logger: Logger) throws {
        try stop(logger: logger)
        try withLock {
            if let state = try loadState() {
                try? FileManager.default.removeItem(atPath: state.clusterRoot)
            }
            try? FileManager.default.removeItem(atPath: statePath)
        }
    }

    public func status() throws -> Status {
        let binaries = try requireBinaries()
        guard let state = try loadState() else { return .notInitialized }
        return try isRunning(binaries: binaries, dataDirectory: state.clusterRoot + "/data")
            ? .running(port: state.port) : .stopped
    }

    /// How to reach the cluster, whether or not it runs now.
    public func endpoint() throws -> DatabaseEndpoint {
        guard let state = try loadState() else { throw EmbeddedClusterError.notInitialized(home: home) }
        return endpoint(state)
    }

    private func endpoint(_ state: State) -> DatabaseEndpoint {
        DatabaseEndpoint(
            host: "127.0.0.1", port: state.port, username: state.username, password: state.password,
            database: state.database, tls: .disable)
    }

    private func requireBinaries() throws -> PostgresBinaries {
        guard let binaries else { throw EmbeddedClusterError.serverNotInstalled }
        if ProcessRunner.isRoot, getpwnam("postgres") == nil {
            throw EmbeddedClusterError.noPostgresUser
        }
        return binaries
    }

    private func isRunning(binaries: PostgresBinaries, dataDirectory: String) throws -> Bool {
        // pg_ctl status: 0 running, 3 not running, 4 no data directory.
        try runner.run(binaries.path("pg_ctl"), ["status", "-D", dataDirectory]).status == 0
    }

    private func initialize(binaries: PostgresBinaries, logger: Logger) throws -> State {
        let fm = FileManager.default
        let root = defaultClusterRoot
        logger.info("creating embedded PostgreSQL cluster", metadata: ["baton.db.directory": "\(root)"])
        if fm.fileExists(atPath: root + "/data/PG_VERSION") {
            // A cluster without its state file cannot be reused: its password is unknown.
            throw EmbeddedClusterError.commandFailed(
                command: "initdb",
                output:
                    "\(root)/data already holds a cluster but \(statePath) is missing; remove \(root) to start over"
            )
        }
        try fm.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
        let password = Self.randomHex(bytes: 24)
        let passwordFile = root + "/initdb.pw"
        try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
        defer { try? fm.removeItem(atPath: passwordFile) }
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root)
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root + "/run")
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile)
        if ProcessRunner.isRoot {
            for path in [root, root + "/run", passwordFile] {
                let chowned = try ProcessRunner(asPostgresUser: false).run(
                    "/bin/chown", ["postgres:postgres", path])
                guard chowned.status == 0 else {
                    throw EmbeddedClusterError.commandFailed(command: "chown", output: chowned.text)
                }
            }
        }
        let initdb = try runner.run(
            binaries.path("initdb"),
            [
                "-D", root + "/data", "-U", "baton", "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
            ])
        guard initdb.status == 0 else {
            throw EmbeddedClusterError.commandFailed(command: "initdb", output: initdb.text)
        }
        let port = try PortProbe.freePort()
        let settings = """

            # Added by baton: loopback and a private socket only.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(root)/run'
            unix_socket_permissions = 0700
            timezone = 'UTC'
            log_timezone = 'UTC'
            # Each Baton process pools up to 20 connections and a report uses three at once;
            # several processes (serve, a CLI command, parallel tests) exceed the default 100.
            max_connections = 300
            port = \(port)

            """
        try appendToConfiguration(settings, dataDirectory: root + "/data")
        let state = State(
            clusterRoot: root, port: port, password: password, username: "baton", database: "baton",
            databaseCreated: false)
        try saveState(state)
        return state
    }

    private func setPort(_ port: Int, dataDirectory: String) throws {
        // A later setting overrides an earlier one in postgresql.conf.
        try appendToConfiguration("port = \(port)\n", dataDirectory: dataDirectory)
    }

    private func appendToConfiguration(_ text: String, dataDirectory: String) throws {
        let handle = try FileHandle(
            forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    private func loadState() throws -> State? {
        guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
        do {
            return try JSONDecoder().decode(State.self, from: data)
        } catch {
            throw EmbeddedClusterError.corruptState(path: statePath)
        }
    }

    private func saveState(_ state: State) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = URL(fileURLWithPath: statePath)
        try encoder.encode(state).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: statePath)
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw EmbeddedClusterError.commandFailed(
                command: "open \(lockPath)", output: String(cString: strerror(errno)))
        }
        defer { close(fd) }  // closing releases the lock
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw EmbeddedClusterError.commandFailed(
                    command: "flock \(lockPath)", output: String(cString: strerror(errno)))
            }
        }
        return try body()
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            String(format: "%02x", UInt8.random(in: 0...255, using: &generator))
        }.joined()
    }
}
