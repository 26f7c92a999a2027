import Foundation
package import Logging

/// Every log line, message and metadata, kept in memory.
package final class CapturedLogs: @unchecked Sendable {
    package init() {}

    private var lines: [String] = []
    private let lock = NSLock()

    package func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    package var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    package var logger: Logger {
        var logger = Logger(label: "capture") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
            file: String, function: String, line: UInt
        ) {
            let all = self.metadata.merging(extra ?? [:]) { $1 }
            sink.append("\(level) \(message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }
}
