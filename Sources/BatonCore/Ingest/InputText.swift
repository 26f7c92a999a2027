/// The one check every piece of text from outside goes through before Baton uses or stores it:
/// query, path and header values, JSON and NDJSON strings and keys, OTLP attribute strings, CSV
/// cells, XES attributes and web form fields (`Docs/security.md`, "Text at the boundary").
///
/// The rule, the same for every field:
/// - the text must be UTF-8: invalid sequences, overlong forms (`C0 AF`), surrogates encoded as
///   UTF-8 (`ED A0 80`) and truncated sequences are refused;
/// - NUL is refused;
/// - every other control character (U+0001–U+001F, U+007F–U+009F) is refused, except tab and
///   line feed in free text that may span lines (``Shape/text``), where a CR LF pair is read as
///   one line feed;
/// - bidirectional-text controls (U+202A–U+202E, U+2066–U+2069) and the byte-order mark U+FEFF
///   are refused: they make stored text display as something other than what it is;
/// - text longer than the field's limit is refused; the limit counts Unicode scalars (code
///   points), as JSON Schema's `maxLength` does, so one letter with a megabyte of combining marks
///   is a megabyte long.
///
/// Nothing is stored escaped or repaired: what is accepted is stored exactly as sent.
public enum InputText {
    /// Where tab and line feed are allowed.
    public enum Shape: Sendable, Hashable {
        /// One line: names, identifiers, parameters. No tab, no line break.
        case line
        /// Free text (a tag's note, a header value): tab and line feed allowed, CR LF read as LF.
        case text
    }

    /// Why a value was refused. ``description`` names the field, as the caller named it.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Reason: Sendable, Hashable {
            /// Not UTF-8; `offset` is the byte where the first invalid sequence starts.
            case invalidUTF8(offset: Int)
            case nul
            case control(UInt32)
            case invisibleFormat(UInt32)
            case tooLong(limit: Int)
            /// A percent-encoded part (URL, form body) with a `%` not followed by two hex digits.
            case malformedEscape
        }

        /// The field as the message names it, such as `field 'tool'` or `query parameter 'from'`.
        public var field: String
        public var reason: Reason

        public init(field: String, reason: Reason) {
            self.field = field
            self.reason = reason
        }

        /// "`field` `problem`" names the field and says what is wrong.
        public var description: String { "\(field) \(problem)" }

        /// What is wrong, without the field: "contains a NUL character".
        public var problem: String {
            switch reason {
            case .invalidUTF8(let offset): return "is not valid UTF-8 (at byte \(offset))"
            case .nul: return "contains a NUL character"
            case .control(let value): return "contains the control character \(InputText.codePoint(value))"
            case .invisibleFormat(let value):
                let kind = value == 0xFEFF ? "a byte-order mark" : "a bidirectional-text control"
                return "contains \(InputText.codePoint(value)), \(kind)"
            case .tooLong(let limit): return "is longer than \(limit) characters"
            case .malformedEscape: return "has a '%' that is not followed by two hexadecimal digits"
            }
        }
    }

    /// The text of `bytes` if they pass the rule, else the refusal naming `field`.
    /// In ``Shape/text`` a CR LF pair becomes LF.
    public static func check(
        _ bytes: some Collection<UInt8>, field: String, maxLength: Int, shape: Shape = .line
    ) throws(Refusal) -> String {
        if bytes.count > byteBound(maxLength) { throw Refusal(field: field, reason: .tooLong(limit: maxLength)) }
        let decoded: String? =
            bytes.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) }
            ?? String(validating: Array(bytes), as: UTF8.self)
        guard let text = decoded else {
            throw Refusal(field: field, reason: .invalidUTF8(offset: firstInvalidOffset(bytes)))
        }
        return try check(text, field: field, maxLength: maxLength, shape: shape)
    }

    /// `text` if it passes the rule (a Swift string is always valid Unicode), else the refusal
    /// naming `field`. In ``Shape/text`` a CR LF pair becomes LF.
    public static func check(_ text: String, field: String, maxLength: Int, shape: Shape = .line) throws(Refusal)
        -> String
    {
        if text.utf8.count > byteBound(maxLength) {
            throw Refusal(field: field, reason: .tooLong(limit: maxLength))
        }
        var sawCarriageReturn = false
        // Printable ASCII is by far the most common input: one pass over the bytes settles it.
        if !text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var previousWasCR = false
            for scalar in text.unicodeScalars {
                let value = scalar.value
                defer { previousWasCR = value == 0x0D }
                if previousWasCR, value != 0x0A {
                    throw Refusal(field: field, reason: .control(0x0D))
                }
                switch value {
                case 0: throw Refusal(field: field, reason: .nul)
                case 0x09, 0x0A:
                    if shape == .line { throw Refusal(field: field, reason: .control(value)) }
                case 0x0D:
                    if shape == .line { throw Refusal(field: field, reason: .control(value)) }
                    sawCarriageReturn = true
                case 0x01...0x1F, 0x7F...0x9F: throw Refusal(field: field, reason: .control(value))
                case 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
                    throw Refusal(field: field, reason: .invisibleFormat(value))
                default: continue
                }
            }
            if previousWasCR { throw Refusal(field: field, reason: .control(0x0D)) }
        }
        // Unicode scalars (JSON Schema's `maxLength` counts the same); at most 4 bytes each.
        if text.utf8.count > maxLength, text.unicodeScalars.count > maxLength {
            throw Refusal(field: field, reason: .tooLong(limit: maxLength))
        }
        guard sawCarriageReturn else { return text }
        return text.replacingCRLF()
    }

    /// The most bytes a value of `maxLength` scalars may take: 4 each.
    static func byteBound(_ maxLength: Int) -> Int {
        maxLength > Int.max / 8 ? Int.max : maxLength * 4
    }

    /// The text that the percent-encoded `encoded` stands for, if it passes the rule (a malformed
    /// escape is refused too). With `plusAsSpace` (form bodies), `+` is a space.
    public static func check(
        percentEncoded encoded: some Collection<UInt8>, field: String, maxLength: Int, shape: Shape = .line,
        plusAsSpace: Bool = false
    ) throws(Refusal) -> String {
        guard let bytes = PercentEncoding.decode(encoded, plusAsSpace: plusAsSpace) else {
            throw Refusal(field: field, reason: .malformedEscape)
        }
        return try check(bytes, field: field, maxLength: maxLength, shape: shape)
    }

    /// Whether `text` passes the rule, for callers that only need a yes or no.
    public static func isAcceptable(_ text: String, maxLength: Int, shape: Shape = .line) -> Bool {
        (try? check(text, field: "", maxLength: maxLength, shape: shape)) != nil
    }

    /// `U+00AD` style.
    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The offset of the first byte that does not start (or continue) a valid UTF-8 sequence.
    public static func firstInvalidOffset(_ bytes: some Collection<UInt8>) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }
}

extension String {
    /// With every CR LF pair as LF (a lone CR has been refused before).
    fileprivate func replacingCRLF() -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars where scalar.value != 0x0D { scalars.append(scalar) }
        return String(scalars)
    }
}
