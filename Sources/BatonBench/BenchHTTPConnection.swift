import BatonStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One keep-alive HTTP/1.1 connection to the benchmark's own server on the loopback interface,
/// with blocking I/O on the caller's thread.
///
/// `baton bench` measures the server, so its clients must cost little: URLSession (curl and
/// dispatch sources underneath) used about as much CPU as the server it was measuring on this
/// two-core machine, which halved the ingest figure. This speaks just enough HTTP for
/// `POST /v1/events` and its JSON answer, and the overview's pages (`Content-Length` responses).
final class BenchHTTPConnection {
    private let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw BenchError("bench client: socket() failed (errno \(errno))") }
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let connected = PortProbe.connect(fd, port: port)
        guard connected == 0 else {
            close(fd)
            throw BenchError("bench client: cannot connect to 127.0.0.1:\(port) (errno \(errno))")
        }
    }

    deinit { close(fd) }

    /// Sends one request and reads its whole answer: status and body.
    func request(method: String, path: String, headers: [(String, String)], body: Data) throws -> (
        status: Int, body: [UInt8]
    ) {
        let answer = try exchange(method: method, path: path, headers: headers, body: body)
        return (answer.status, answer.body)
    }

    /// Sends one request and reads its whole answer, its header fields too (names lowercased).
    func exchange(method: String, path: String, headers: [(String, String)], body: Data = Data()) throws -> (
        status: Int, headers: [(String, String)], body: [UInt8]
    ) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8))
        try body.withUnsafeBytes { try write($0) }
        return try readResponse()
    }

    private func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent < 0 {
                if errno == EINTR { continue }
                throw BenchError("bench client: send failed (errno \(errno))")
            }
            offset += sent
        }
    }

    /// Reads more bytes into `pending`; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BenchError("bench client: recv failed (errno \(errno))")
            }
            if count == 0 { return false }
            pending += chunk[0..<count]
            return true
        }
    }

    private func readResponse() throws -> (status: Int, headers: [(String, String)], body: [UInt8]) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            if let range = pending.firstRange(of: separator) {
                headEnd = range.upperBound
            } else if try !fill() {
                throw BenchError("bench client: the server closed the connection before answering")
            }
        }
        let head = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw BenchError("bench client: malformed status line \(lines.first ?? "")")
        }
        var length: Int?
        var fields: [(String, String)] = []
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].lowercased()
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            fields.append((name, value))
            if name == "content-length" { length = Int(value) }
            if name == "transfer-encoding" {
                throw BenchError("bench client: a \(value) answer is not supported, only Content-Length")
            }
        }
        let bodyLength = length ?? 0
        while pending.count < headEnd! + bodyLength {
            guard try fill() else { throw BenchError("bench client: the answer ended early") }
        }
        let body = Array(pending[headEnd!..<(headEnd! + bodyLength)])
        pending.removeFirst(headEnd! + bodyLength)
        return (status, fields, body)
    }
}
