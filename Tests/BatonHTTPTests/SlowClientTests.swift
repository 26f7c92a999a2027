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

@Suite("Slow clients and connection limits on a live server", .timeLimit(.minutes(10)))
struct SlowClientTests {
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
            // A liveness bound, not a speed goal: 5 s was missed once with the whole suite running
            // at load average 5.7; the test is whether the waiting client is served at all.
            #expect(try await waiting.read(within: 30).text.hasPrefix("HTTP/1.1 200"))
            _ = held
        }
    }
}
