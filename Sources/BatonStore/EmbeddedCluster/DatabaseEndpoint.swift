import Foundation
import NIOSSL
public import PostgresNIO

/// Where Baton's database is and how to sign in: from `DATABASE_URL` or the embedded cluster.
public struct DatabaseEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    /// When set, connect through this unix socket file instead of TCP.
    public var unixSocketPath: String?
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String, port: Int = 5432, unixSocketPath: String? = nil, username: String,
        password: String?,
        database: String, tls: TLSMode
    ) {
        self.host = host
        self.port = port
        self.unixSocketPath = unixSocketPath
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
    /// `?host=/dir` connects through the unix socket in `/dir`, as libpq does.
    public init(url text: String) throws(DatabaseURLError) {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw DatabaseURLError(
                "DATABASE_URL must look like postgres://USER:PASSWORD@HOST:5432/DATABASE (got a value that does not)"
            )
        }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }),
            !user.isEmpty
        else {
            throw DatabaseURLError("DATABASE_URL names no user (postgres://USER:PASSWORD@HOST/DATABASE)")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            uniquingKeysWith: { _, last in last })
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        let tls: TLSMode
        switch query["sslmode"] ?? "prefer" {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        case let other:
            throw DatabaseURLError(
                "DATABASE_URL: sslmode '\(other)' is not one of disable, prefer, require")
        }
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        var socket: String?
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            socket = socketDirectory + "/.s.PGSQL.\(port)"
        }
        self.init(
            host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost", port: port,
            unixSocketPath: socket, username: user,
            password: components.percentEncodedPassword.flatMap { $0.removingPercentEncoding },
            database: database.isEmpty ? user : database, tls: socket == nil ? tls : .disable)
    }

    /// The endpoint as a URL, password included: for `baton db url`, never for logs.
    public var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        if tls == .disable { components.queryItems = [URLQueryItem(name: "sslmode", value: "disable")] }
        return components.string ?? ""
    }

    /// The endpoint without its password, safe to log.
    public var description: String {
        "postgres://\(username)@\(unixSocketPath ?? "\(host):\(port)")/\(database)"
    }

    /// The same server, another database on it (tests make throwaway databases this way).
    public func with(database: String) -> DatabaseEndpoint {
        var copy = self
        copy.database = database
        return copy
    }

    public func clientConfiguration() -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let unixSocketPath {
            configuration = .init(
                unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        } else {
            let tlsConfiguration: PostgresClient.Configuration.TLS
            switch tls {
            case .disable: tlsConfiguration = .disable
            case .prefer: tlsConfiguration = .prefer(.makeClientConfiguration())
            case .require: tlsConfiguration = .require(.makeClientConfiguration())
            }
            configuration = .init(
                host: host, port: port, username: username, password: password, database: database,
                tls: tlsConfiguration)
        }
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

/// A `DATABASE_URL` that cannot be used; the message says what is wrong, without the password.
public struct DatabaseURLError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
