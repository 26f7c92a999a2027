/// Trace and span ids as OTLP JSON writes them: lowercase hex (protobuf carries raw bytes).
enum OTLPHex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text lowercased if it is an even number of hex digits, else `nil`.
    static func normalise(_ text: String) -> String? {
        guard text.utf8.count % 2 == 0, text.utf8.allSatisfy({ $0 < 0x80 && $0.isHexDigit }) else { return nil }
        return text.lowercased()
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
