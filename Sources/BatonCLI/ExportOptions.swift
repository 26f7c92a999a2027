import ArgumentParser
import BatonStore
import Foundation
import Logging

/// What both exports take: tenant, period and output file.
struct ExportOptions: ParsableArguments {
    @Option(help: "Tenant (default: the only tenant with data, else 'default').")
    var tenant: String?

    @Option(help: "Start of the period (workflows opened from then), RFC 3339 or YYYY-MM-DD.")
    var from: String?

    @Option(help: "End of the period, exclusive.")
    var to: String?

    @Option(help: "File to write (default: standard output).")
    var out: String?

    /// The named tenant, or the one `baton report` would pick.
    func tenant(storage: PostgresStorage, logger: Logger) async throws -> String {
        try await storage.tenants.tenant(tenant, logger: logger)
    }

    /// Writes to `--out` through a temporary file renamed into place at the end, so a failed
    /// export never leaves a truncated file that looks complete; without `--out`, to standard output.
    func withOutput<T>(_ body: (FileHandle) async throws -> T) async throws -> T {
        guard let out else { return try await body(FileHandle.standardOutput) }
        let partial = out + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil) else {
            throw CLIError("cannot write \(partial)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
        do {
            let result = try await body(handle)
            try handle.close()
            if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
            try FileManager.default.moveItem(atPath: partial, toPath: out)
            return result
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}
