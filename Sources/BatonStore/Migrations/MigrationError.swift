/// Why migrations cannot be applied. Each case names the file at fault.
public enum MigrationError: Error, CustomStringConvertible, Sendable, Equatable {
    case missingDirectory(String)
    case badFileName(String)
    case duplicateVersion(String, String)
    /// A migration already applied to this database has changed since.
    case checksumMismatch(name: String, applied: String, file: String)
    /// The database has a migration this build of Baton does not know (it is newer).
    case unknownApplied(version: Int, name: String)
    case failed(name: String, message: String)

    public var description: String {
        switch self {
        case .missingDirectory(let path): return "migrations: directory \(path) not found"
        case .badFileName(let name): return "migrations: \(name) is not named NNNN_description.sql"
        case .duplicateVersion(let a, let b): return "migrations: \(a) and \(b) have the same number"
        case .checksumMismatch(let name, let applied, let file):
            return """
                migrations: \(name) was changed after it was applied to this database \
                (applied checksum \(applied.prefix(12)), file now \(file.prefix(12))). \
                Restore the file and put the change in a new numbered migration.
                """
        case .unknownApplied(let version, let name):
            return
                "migrations: the database has migration \(version) (\(name)), which this baton does not have; it is older than the database"
        case .failed(let name, let message): return "migrations: \(name) failed: \(message)"
        }
    }
}
