/// Why the embedded PostgreSQL cluster could not be used.
public enum EmbeddedClusterError: Error, CustomStringConvertible, Sendable {
    case serverNotInstalled
    case noPostgresUser
    case commandFailed(command: String, output: String)
    case notInitialized(home: String)
    case corruptState(path: String)

    public var description: String {
        switch self {
        case .serverNotInstalled:
            return """
                Baton runs its own PostgreSQL when DATABASE_URL is not set, but no PostgreSQL server \
                programs were found (looked in `pg_config --bindir`, /usr/lib/postgresql/*/bin and PATH \
                for initdb, pg_ctl and postgres). Install PostgreSQL 15 or later, on Debian or Ubuntu with \
                `apt-get install postgresql libpq-dev`, or point Baton at an existing server with \
                DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DATABASE.
                """
        case .noPostgresUser:
            return """
                Baton is running as root, and PostgreSQL refuses to run as root, so the embedded server \
                runs as the 'postgres' system user; that user does not exist. Install the postgresql \
                package (it creates the user), run Baton as an ordinary user, or set DATABASE_URL.
                """
        case .commandFailed(let command, let output):
            return "embedded PostgreSQL: '\(command)' failed:\n\(output)"
        case .notInitialized(let home):
            return "no embedded PostgreSQL cluster in \(home) yet; `baton db start` creates one"
        case .corruptState(let path):
            return "embedded PostgreSQL: cannot read \(path); remove it to start over (the data stays)"
        }
    }
}
