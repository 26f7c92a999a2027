import Foundation

/// `ExportTraceServiceResponse`: empty on full success, else `partial_success` with the number of
/// rejected spans and an English message. Sent in the request's encoding.
public struct OTLPExportResponse: Sendable, Hashable {
    public var rejectedSpans: Int
    public var errorMessage: String

    public init(rejectedSpans: Int = 0, errorMessage: String = "") {
        self.rejectedSpans = rejectedSpans
        self.errorMessage = errorMessage
    }

    public var protobuf: [UInt8] {
        guard rejectedSpans > 0 || !errorMessage.isEmpty else { return [] }
        var writer = ProtobufWriter()
        writer.messageField(1) { partial in
            if rejectedSpans > 0 { partial.varintField(1, UInt64(rejectedSpans)) }
            if !errorMessage.isEmpty { partial.stringField(2, errorMessage) }
        }
        return writer.bytes
    }

    /// OTLP JSON: lowerCamelCase, the 64-bit count as a decimal string.
    public var json: [UInt8] {
        guard rejectedSpans > 0 || !errorMessage.isEmpty else { return Array("{}".utf8) }
        let body: [String: Any] = [
            "partialSuccess": ["rejectedSpans": String(rejectedSpans), "errorMessage": errorMessage]
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Array(data)
    }
}
