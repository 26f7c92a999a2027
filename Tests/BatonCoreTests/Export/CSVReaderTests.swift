import Testing

@testable import BatonCore

@Suite("CSVReader")
struct CSVReaderTests {
    @Test("quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a BOM is skipped")
    func reads() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nlast,,\n"
        #expect(
            try CSVReader.records(text) == [
                ["a", "b", "c"], ["x,y", "say \"hi\"", "two\r\nlines"], ["last", "", ""],
            ])
        #expect(try CSVReader.records("only") == [["only"]])
        #expect(try CSVReader.records("") == [])
    }

    @Test("an unclosed quote and text after a closing quote are errors naming the row")
    func malformed() {
        #expect(throws: CSVReader.Malformed(row: 2, reason: "a quoted field is not closed")) {
            try CSVReader.records("a\n\"open")
        }
        #expect(throws: CSVReader.Malformed(row: 1, reason: "text after a closing quote")) {
            try CSVReader.records("\"a\"b")
        }
    }

    @Test("what CSVWriter writes, CSVReader reads back")
    func roundTrip() throws {
        let cells = ["plain", "a,b", "\"quoted\"", "multi\nline", "=1+2", "-3", ""]
        let text = CSVWriter.line(cells.map { .text($0) })
        #expect(try CSVReader.records(text) == [cells.map(CSVWriter.neutralised)])
    }
}
