package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds free TCP ports on the loopback interface for the embedded cluster.
package enum PortProbe {
    /// A port the kernel reports free now (bind to port 0, read it back, release it).
    package static func freePort() throws -> Int {
        for _ in 0..<20 {
            if let port = bind(port: 0), port >= 1024 { return port }
        }
        throw EmbeddedClusterError.commandFailed(
            command: "find a free port", output: "no free port on 127.0.0.1")
    }

    static func isFree(_ port: Int) -> Bool { bind(port: port) != nil }

    /// The IPv4 loopback address with `port`, for `bind` and `connect`.
    package static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Connects `fd` to the loopback interface's `port`; the `connect` result (0 on success).
    package static func connect(_ fd: Int32, port: Int) -> Int32 {
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    private static func bind(port: Int) -> Int? {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // As PostgreSQL itself does: a port whose connections linger in TIME_WAIT after the server
        // stopped is still free for it, so a restarted cluster keeps its port and a running
        // `baton serve` reconnects to it. A port someone listens on still fails to bind.
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
