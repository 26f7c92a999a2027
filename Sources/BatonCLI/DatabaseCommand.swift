import ArgumentParser
import BatonStore

/// `baton db start|stop|status|url`: the embedded PostgreSQL cluster.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Control the embedded PostgreSQL cluster under BATON_HOME.",
        subcommands: [
            DatabaseStartCommand.self, DatabaseStopCommand.self, DatabaseStatusCommand.self,
            DatabaseURLCommand.self,
        ])
}

struct DatabaseStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start the cluster (creating it on first use).")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let logger = try options.makeLogger()
        let endpoint = try EmbeddedCluster(home: options.resolvedHome).start(logger: logger)
        print("embedded PostgreSQL running: \(endpoint)")
    }
}

struct DatabaseStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the cluster.")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let logger = try options.makeLogger()
        try EmbeddedCluster(home: options.resolvedHome).stop(logger: logger)
        print("embedded PostgreSQL stopped")
    }
}

struct DatabaseStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say whether the cluster runs (exit 0), is stopped (3) or does not exist (4).")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let cluster = EmbeddedCluster(home: options.resolvedHome)
        switch try cluster.status() {
        case .running(let port):
            print("running on 127.0.0.1:\(port) (\(cluster.home))")
        case .stopped:
            print("stopped (\(cluster.home))")
            throw ExitCode(3)
        case .notInitialized:
            print("no cluster yet in \(cluster.home); `baton db start` creates one")
            throw ExitCode(4)
        }
    }
}

struct DatabaseURLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url", abstract: "Print the cluster's connection URL (it contains the password).")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        print(try EmbeddedCluster(home: options.resolvedHome).endpoint().url)
    }
}
