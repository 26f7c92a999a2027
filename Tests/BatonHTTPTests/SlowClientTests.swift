import BatonHTTP
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection, so a test can send a request as slowly and as partially as an attacker.
private final class RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let result = PortProbe.connect(fd, port: port)
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
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

@Suite("Slow clients and connection limits on a live server")
struct SlowClientTests {
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

    @Test("a request head trickled slower than the header timeout gets the connection closed; a prompt one is served")
    func headerTimeout() async throws {
        try await withLiveServer({ $0.headerTimeout = .seconds(1) }) { port in
            let slow = try RawConnection(port: port)
            slow.send("GET /healthz HTTP/1.1\r\nHost: baton\r\n")
            // Keep sending header lines, each well inside the idle timeout, never finishing the head.
            for index in 0..<4 {
                try await Task.sleep(for: .milliseconds(400))
                slow.send("X-Slow-\(index): 1\r\n")
            }
            let (text, closed) = try await slow.read(within: 1.5)
            #expect(closed)
            #expect(!text.contains("200 OK"))

            let prompt = try RawConnection(port: port)
            prompt.send("GET /healthz HTTP/1.1\r\nHost: baton\r\nConnection: close\r\n\r\n")
            #expect(try await prompt.read(within: 5).text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test("an idle keep-alive connection is closed after the header timeout")
    func idleKeepAlive() async throws {
        try await withLiveServer({ $0.headerTimeout = .seconds(1) }) { port in
            let connection = try RawConnection(port: port)
            connection.send("GET /healthz HTTP/1.1\r\nHost: baton\r\n\r\n")
            let (text, closedEarly) = try await connection.read(within: 20, until: #""status":"ok"}"#)
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(!closedEarly)
            #expect(try await connection.read(within: 3).closed)
        }
    }

    @Test("a body sent slower than the body timeout gets the connection closed, and nothing is stored")
    func bodyTimeout() async throws {
        try await withLiveServer({ $0.bodyTimeout = .seconds(1) }) { port in
            let connection = try RawConnection(port: port)
            connection.send(
                "POST /v1/events HTTP/1.1\r\nHost: baton\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer btn_x_y\r\nContent-Length: 1000\r\n\r\n[")
            for _ in 0..<4 {
                try await Task.sleep(for: .milliseconds(400))
                connection.send(" ")
            }
            let (text, closed) = try await connection.read(within: 2)
            #expect(closed)
            #expect(!text.contains("200 OK"))
        }
    }

    @Test("beyond the connection limit a client waits until a connection closes, then is served")
    func connectionLimit() async throws {
        try await withLiveServer({ $0.maxConnections = 2 }) { port in
            var held = [try RawConnection(port: port), try RawConnection(port: port)]
            // Both are accepted and served.
            for connection in held {
                connection.send("GET /healthz HTTP/1.1\r\nHost: baton\r\n\r\n")
                #expect(try await connection.read(within: 5).text.hasPrefix("HTTP/1.1 200"))
            }
            let waiting = try RawConnection(port: port)
            waiting.send("GET /healthz HTTP/1.1\r\nHost: baton\r\nConnection: close\r\n\r\n")
            #expect(try await waiting.read(within: 1).text.isEmpty)
            held.removeFirst()  // closes one
            #expect(try await waiting.read(within: 5).text.hasPrefix("HTTP/1.1 200"))
            _ = held
        }
    }
}
