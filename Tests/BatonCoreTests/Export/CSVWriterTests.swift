import Testing

@testable import BatonCore

@Suite("CSVWriter: RFC 4180 and formula injection")
struct CSVWriterTests {
    @Test("fields are quoted only when needed, quotes doubled, every record ends in CRLF")
    func quoting() {
        let line = CSVWriter.line([.text("plain"), .text("a,b"), .text("say \"hi\""), .text("two\nlines"), .empty])
        #expect(line == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
        #expect(CSVWriter.header(["a", "b"]) == "a,b\r\n")
    }

    @Test(
        "text starting with = + - @ tab or CR gets a leading quote; numbers never do",
        arguments: [
            ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""),
        ])
    func neutralising(input: String, expected: String) {
        #expect(CSVWriter.neutralised(input) == expected)
    }

    @Test("a negative number stays a number, with a dot and no exponent")
    func numbers() {
        #expect(CSVWriter.encode(.number(-0.25)) == "-0.25")
        #expect(CSVWriter.encode(.number(3)) == "3")
        #expect(CSVWriter.encode(.number(2.0 / 3.0)) == "0.6667")
        #expect(CSVWriter.encode(.number(-0.00001)) == "0")  // rounds to zero: no "-0"
        #expect(CSVWriter.encode(.number(1e-7, decimals: 9)) == "0.0000001")
        #expect(CSVWriter.encode(.number(12_345_678.5)) == "12345678.5")
        #expect(CSVWriter.encode(.number(-12.36, decimals: 1)) == "-12.4")
        #expect(CSVWriter.encode(.integer(-7)) == "-7")
        #expect(CSVWriter.encode(.number(Double?.none)) == "")
        #expect(CSVWriter.encode(.number(Double.nan)) == "")
    }
}
