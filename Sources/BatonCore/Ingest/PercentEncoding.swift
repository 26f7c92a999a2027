/// Percent-decoding of URL parts and form bodies to bytes, so that the text they carry goes
/// through ``InputText`` as bytes: a decoder that made a `String` at once would have replaced
/// invalid UTF-8 with U+FFFD, and the check would never see it.
public enum PercentEncoding {
    /// The bytes `encoded` stands for, or `nil` when a `%` is not followed by two hex digits.
    /// With `plusAsSpace` (form bodies), `+` is a space.
    public static func decode(_ encoded: some Collection<UInt8>, plusAsSpace: Bool = false) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var iterator = encoded.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusAsSpace: bytes.append(UInt8(ascii: " "))
            default: bytes.append(byte)
            }
        }
        return bytes
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
