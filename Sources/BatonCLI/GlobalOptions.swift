import ArgumentParser
import BatonStore
import Foundation
import Logging

/// Options every command that reaches the database shares.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "PostgreSQL URL (default: $DATABASE_URL, else the embedded cluster).")
    var databaseURL: String?

    @Option(
        name: .customLong("home"),
        help: "Where the embedded cluster and local state live (default: $BATON_HOME, else ./.baton).")
    var home: String?

    @Option(
        name: .customLong("log-level"),
        help:
            "trace, debug, info, notice, warning, error or critical (default: $BATON_LOG_LEVEL, else info)."
    )
    var logLevel: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var resolvedHome: String { home ?? environment["BATON_HOME"] ?? "./.baton" }

    func makeLogger(label: String = "baton") throws -> Logger {
        let name = logLevel ?? environment["BATON_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: name.lowercased()) else {
            throw ValidationError(
                "log level '\(name)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        LoggingBootstrap.once()
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }

    /// `BATON_PORT`, if set; an error names a value that is not a port.
    func environmentPort() throws -> Int? {
        guard let text = environment["BATON_PORT"] else { return nil }
        guard let value = Int(text), (0...65535).contains(value) else {
            throw ValidationError("BATON_PORT '\(text)' is not a port number")
        }
        return value
    }

    /// The database to use: `--database-url`, then `DATABASE_URL`, then the embedded cluster,
    /// which is started (and created on first use) when needed.
    func database(logger: Logger) throws -> DatabaseEndpoint {
        if let url = databaseURL ?? environment["DATABASE_URL"], !url.isEmpty {
            return try DatabaseEndpoint(url: url)
        }
        return try EmbeddedCluster(home: resolvedHome).start(logger: logger)
    }
}

/// Logging goes to standard error, so standard output carries only a command's result.
enum LoggingBootstrap {
    private static let done: Void = {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }()
    static func once() { _ = done }
}
