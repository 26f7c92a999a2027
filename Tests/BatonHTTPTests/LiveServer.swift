import BatonHTTP
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection, so a test can send a request as slowly and as partially as an attacker.
final class RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let result = PortProbe.connect(fd, port: port)
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// What the server sent within `seconds` (or until it sent `marker`), and whether it closed the
    /// connection by then. Polls without blocking: a blocked thread of the small cooperative pool
    /// would stall the server under test, whose handlers run on the same pool.
    func read(within seconds: Double, until marker: String? = nil) async throws -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < end {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 0) > 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
                received += buffer[0..<count]
                if let marker, String(decoding: received, as: UTF8.self).contains(marker) {
                    return (String(decoding: received, as: UTF8.self), false)
                }
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        return (String(decoding: received, as: UTF8.self), false)
    }
}

/// Runs Baton's real application on a free port. Not Hummingbird's live test framework: it
/// rebinds the application with `ApplicationConfiguration.with(address:)`, which drops the
/// connection limit under test.
func withLiveServer(
    _ configure: @escaping @Sendable (inout ServiceConfiguration) -> Void,
    _ body: @Sendable (Int) async throws -> Void
) async throws {
    try await withFreshDatabase { endpoint in
        var configuration = ServiceConfiguration()
        configuration.port = try PortProbe.freePort()
        configuration.databaseWait = .seconds(60)
        configure(&configuration)
        let port = configuration.port
        let app = try buildApplication(
            configuration: configuration, database: endpoint, logger: TestDatabase.logger)
        try await withThrowingTaskGroup { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var probe: RawConnection?
            for _ in 0..<200 where probe == nil {
                probe = try? RawConnection(port: port)
                if probe == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(probe != nil, "the server did not start listening")
            probe = nil
            // The probe's slot is given back when the server sees it close.
            try await Task.sleep(for: .milliseconds(200))
            try await body(port)
            group.cancelAll()
        }
    }
}
