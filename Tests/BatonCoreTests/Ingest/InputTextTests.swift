import BatonCore
import Testing

@Suite("Input text")
struct InputTextTests {
    static func refusal(_ bytes: [UInt8], maxLength: Int = 100, shape: InputText.Shape = .line) -> InputText
        .Refusal?
    {
        do {
            _ = try InputText.check(bytes, field: "field 'x'", maxLength: maxLength, shape: shape)
            return nil
        } catch {
            return error
        }
    }

    @Test("ordinary text passes unchanged: ASCII, accents, CJK, emoji, right-to-left letters")
    func accepted() throws {
        for text in ["siem-42", "analyst:ana", "Müller & Søn", "事件", "👩‍💻 on call", "שלום", "x'); DROP TABLE tasks; --"] {
            #expect(try InputText.check(Array(text.utf8), field: "f", maxLength: 100) == text)
            #expect(try InputText.check(text, field: "f", maxLength: 100) == text)
        }
        #expect(try InputText.check("", field: "f", maxLength: 0) == "")
    }

    @Test("byte-level payloads are refused with the field named and the reason")
    func refused() {
        let cases: [(String, [UInt8], InputText.Refusal.Reason)] = [
            ("NUL", [0x61, 0x00, 0x62], .nul),
            ("lone surrogate as UTF-8", [0x61, 0xED, 0xA0, 0x80], .invalidUTF8(offset: 1)),
            ("overlong '/'", [0xC0, 0xAF], .invalidUTF8(offset: 0)),
            ("overlong NUL", [0x61, 0x62, 0xC0, 0x80], .invalidUTF8(offset: 2)),
            ("truncated sequence", [0x61, 0xE2, 0x82], .invalidUTF8(offset: 1)),
            ("stray continuation byte", [0x80], .invalidUTF8(offset: 0)),
            ("byte FF", [0x61, 0xFF], .invalidUTF8(offset: 1)),
            ("BOM", [0xEF, 0xBB, 0xBF, 0x61], .invisibleFormat(0xFEFF)),
            ("right-to-left override", Array("abc\u{202E}def".utf8), .invisibleFormat(0x202E)),
            ("right-to-left isolate", Array("a\u{2067}b".utf8), .invisibleFormat(0x2067)),
            ("escape", [0x61, 0x1B, 0x5B], .control(0x1B)),
            ("DEL", [0x61, 0x7F], .control(0x7F)),
            ("C1 control", Array("a\u{85}".utf8), .control(0x85)),
            ("tab in a line", [0x61, 0x09], .control(0x09)),
            ("newline in a line", [0x61, 0x0A], .control(0x0A)),
            ("CR LF in a line", [0x61, 0x0D, 0x0A], .control(0x0D)),
            ("one over the limit", Array(repeating: 0x61, count: 101), .tooLong(limit: 100)),
            ("a megabyte", Array(repeating: 0x61, count: 1_000_000), .tooLong(limit: 100)),
            (
                "one letter and a megabyte of combining marks",
                [0x61] + Array(repeating: [0xCC, 0x81], count: 500_000).flatMap { $0 }, .tooLong(limit: 100)
            ),
        ]
        for (name, bytes, reason) in cases {
            let refusal = Self.refusal(bytes)
            #expect(refusal?.reason == reason, "\(name): \(String(describing: refusal))")
            #expect(refusal?.description.hasPrefix("field 'x' ") == true, "\(name)")
        }
        #expect(Self.refusal([0x61, 0x00])?.description == "field 'x' contains a NUL character")
        #expect(Self.refusal([0x61, 0x1B])?.description == "field 'x' contains the control character U+001B")
        #expect(
            Self.refusal(Array("\u{202E}".utf8))?.description
                == "field 'x' contains U+202E, a bidirectional-text control")
        #expect(Self.refusal([0xC0, 0xAF])?.description == "field 'x' is not valid UTF-8 (at byte 0)")
    }

    @Test("free text allows tab and line feed, reads CR LF as LF, and refuses a lone CR and other controls")
    func freeText() throws {
        #expect(try InputText.check("a\tb\nc", field: "note", maxLength: 10, shape: .text) == "a\tb\nc")
        #expect(try InputText.check("a\r\nb\r\n", field: "note", maxLength: 10, shape: .text) == "a\nb\n")
        #expect(Self.refusal([0x61, 0x0D, 0x62], shape: .text)?.reason == .control(0x0D))
        #expect(Self.refusal([0x61, 0x0D], shape: .text)?.reason == .control(0x0D))
        #expect(Self.refusal([0x61, 0x00, 0x0A], shape: .text)?.reason == .nul)
        #expect(Self.refusal([0x0B], shape: .text)?.reason == .control(0x0B))
        #expect(Self.refusal(Array("\u{FEFF}".utf8), shape: .text)?.reason == .invisibleFormat(0xFEFF))
    }

    @Test("the limit counts Unicode scalars, as JSON Schema's maxLength does")
    func lengthInScalars() throws {
        #expect(try InputText.check(String(repeating: "é", count: 5), field: "f", maxLength: 5) != "")
        #expect(throws: InputText.Refusal.self) {
            try InputText.check(String(repeating: "e\u{301}", count: 3), field: "f", maxLength: 5)
        }
        #expect(try InputText.check(String(repeating: "😀", count: 5), field: "f", maxLength: 5).count == 5)
    }

    @Test("percent-encoded text is checked as the bytes it stands for")
    func percentEncoded() throws {
        func check(_ text: String) throws -> String {
            try InputText.check(percentEncoded: Array(text.utf8), field: "query parameter 'a'", maxLength: 50)
        }
        #expect(try check("siem%E2%86%92edr") == "siem→edr")
        #expect(try check("a+b") == "a+b")
        #expect(
            try InputText.check(percentEncoded: Array("a+b".utf8), field: "f", maxLength: 9, plusAsSpace: true) == "a b"
        )
        let hostile = [
            "%28%C3%9D%00%C2%89": InputText.Refusal.Reason.nul, "%ED%A0%80": .invalidUTF8(offset: 0),
            "%C0%AF": .invalidUTF8(offset: 0), "%zz": .malformedEscape, "%4": .malformedEscape,
            "%E2%80%AE": .invisibleFormat(0x202E),
        ]
        for (text, reason) in hostile {
            #expect(throws: InputText.Refusal(field: "query parameter 'a'", reason: reason), "\(text)") {
                try check(text)
            }
        }
    }
}
