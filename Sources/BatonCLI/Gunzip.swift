import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decompresses a gzip file with the system's `gzip -dc`.
///
/// Spawned with `posix_spawnp` and reaped with `waitpid`, not Foundation's `Process`, whose
/// `waitUntilExit` waits for a run loop that does not turn under the test runner (see
/// `Docs/decisions.md`, the embedded cluster).
enum Gunzip {
    static func decompress(_ path: String) throws -> Data {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baton-gunzip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [String] = ["gzip", "-dc", path]
        let arguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in arguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "gzip", &actions, nil, arguments, environ)
        guard spawned == 0 else {
            throw CLIError("cannot run gzip to decompress \(path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw CLIError("waiting for gzip failed") }
        }
        guard status == 0 else { throw CLIError("gzip could not decompress \(path)") }
        return try Data(contentsOf: output)
    }
}
