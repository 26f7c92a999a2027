package import BatonStore
import Foundation
package import PostgresNIO

/// A throwaway primary (an embedded cluster of its own, so its WAL carries only the test's
/// writes) and a streaming standby of it made with `pg_basebackup -R`, for the read-replica
/// tests. The embedded cluster already allows replication: PostgreSQL 15 defaults to
/// `wal_level = replica` and 10 WAL senders, and `initdb` writes `replication` lines for the
/// loopback addresses into `pg_hba.conf`; its user is a superuser. As root, the standby runs as
/// the `postgres` user, as the embedded cluster does (PostgreSQL refuses to run as root).
package struct ReplicaPair: Sendable {
    /// The primary's `baton` database.
    package let primary: DatabaseEndpoint
    /// The same database on the standby.
    package let standby: DatabaseEndpoint
    let home: String
    let directory: String
    let binaries: PostgresBinaries
    let runner = ProcessRunner(asPostgresUser: ProcessRunner.isRoot)

    var data: String { directory + "/data" }

    /// Creates and starts both servers; the standby has replayed the primary's state at its backup.
    package static func start() throws -> ReplicaPair {
        guard let binaries = PostgresBinaries.locate() else { throw EmbeddedClusterError.serverNotInstalled }
        removeAbandoned(binaries: binaries)
        let files = FileManager.default
        let tag = "\(getpid())-\(UUID().uuidString.prefix(8))"
        let home = files.temporaryDirectory.appendingPathComponent("baton-replica-\(tag)").path
        let directory = files.temporaryDirectory.appendingPathComponent("baton-standby-\(tag)").path
        let primary = try EmbeddedCluster(home: home).start(logger: TestDatabase.logger)
        var standby = primary
        standby.port = try PortProbe.freePort()
        let pair = ReplicaPair(
            primary: primary, standby: standby, home: home, directory: directory, binaries: binaries)
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: false)
            try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
            if ProcessRunner.isRoot {
                try pair.check(
                    try ProcessRunner(asPostgresUser: false).run("/bin/chown", ["postgres:postgres", directory]),
                    "chown")
            }
            try pair.check(
                try pair.runner.run(
                    binaries.path("pg_basebackup"),
                    [
                        "-D", pair.data, "-R", "-X", "stream", "-c", "fast", "-w", "-h", "127.0.0.1", "-p",
                        "\(primary.port)", "-U", primary.username,
                    ],
                    environment: ["PGPASSWORD": primary.password ?? ""]),
                "pg_basebackup")
            // The copied configuration names the primary's port and socket directory; a later
            // setting overrides an earlier one.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: pair.data + "/postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\nport = \(standby.port)\nunix_socket_directories = ''\n".utf8))
            try handle.close()
            try pair.startStandby()
            return pair
        } catch {
            pair.destroy()
            throw error
        }
    }

    /// Stops and deletes the pairs of earlier test processes that died before cleaning up.
    static func removeAbandoned(binaries: PostgresBinaries) {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] {
            let prefix = ["baton-standby-", "baton-replica-"].first { name.hasPrefix($0) }
            guard let prefix, let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let path = temporary.appendingPathComponent(name).path
            if prefix == "baton-standby-" {
                _ = try? ProcessRunner(asPostgresUser: ProcessRunner.isRoot).run(
                    binaries.path("pg_ctl"), ["stop", "-D", path + "/data", "-m", "immediate", "-w", "-s"])
            } else {
                try? EmbeddedCluster(home: path).destroy(logger: TestDatabase.logger)
            }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    package func startStandby() throws {
        try check(
            try runner.run(
                binaries.path("pg_ctl"), ["start", "-D", data, "-l", directory + "/server.log", "-w", "-t", "60", "-s"]),
            "pg_ctl start (standby)")
    }

    /// Stops the standby (fast: its sessions end, as when its machine goes away).
    package func stopStandby() throws {
        try check(
            try runner.run(binaries.path("pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w", "-s"]), "pg_ctl stop")
    }

    /// Stops both servers and deletes their files.
    package func destroy() {
        _ = try? runner.run(binaries.path("pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w", "-s"])
        try? FileManager.default.removeItem(atPath: directory)
        try? EmbeddedCluster(home: home).destroy(logger: TestDatabase.logger)
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Waits until the standby has replayed everything the primary had written when called.
    package func waitForReplay(primary: PostgresClient, standby: PostgresClient) async throws {
        let lsn = try await primary.query("SELECT pg_current_wal_lsn()::text").collectValues(String.self).first
        for _ in 0..<600 {
            let replayed =
                try await standby.query(
                    "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), \(lsn)::pg_lsn) >= 0"
                ).collectValues(Bool.self).first ?? false
            if replayed { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EmbeddedClusterError.commandFailed(command: "wait for replay", output: "the standby did not catch up")
    }

    private func check(_ output: ProcessRunner.Output, _ command: String) throws {
        guard output.status == 0 else {
            let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            throw EmbeddedClusterError.commandFailed(command: command, output: output.text + "\n" + log.suffix(2000))
        }
    }
}

/// Runs `body` with a fresh primary and standby, both destroyed afterwards.
package func withReplicaPair<T: Sendable>(_ body: (ReplicaPair) async throws -> T) async throws -> T {
    let pair = try ReplicaPair.start()
    do {
        let result = try await body(pair)
        pair.destroy()
        return result
    } catch {
        pair.destroy()
        throw error
    }
}
