import BatonCore
import Testing

@Suite("DelimitedRecordReader: CSV read chunk by chunk, with line numbers")
struct DelimitedRecordReaderTests {
    static func read(_ text: String, delimiter: Character = ",", chunk: Int) -> [DelimitedRecordReader.Record] {
        var reader = DelimitedRecordReader(delimiter: delimiter.asciiValue!)
        var records: [DelimitedRecordReader.Record] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            reader.feed(Array(bytes[start..<end])) { records.append($0) }
            start = end
        }
        reader.finish { records.append($0) }
        return records
    }

    static let text =
        "\u{FEFF}a,b,c\r\n1,\"two, with comma\",3\r\n\r\n4,\"multi\nline \"\"quoted\"\"\",6\n7,,\n8,9,10"

    @Test("the same records, whatever the chunk size: quotes, CRLF, blank lines, a final line without a break")
    func chunks() {
        let whole = Self.read(Self.text, chunk: 1 << 20)
        #expect(
            whole.map(\.fields) == [
                ["a", "b", "c"], ["1", "two, with comma", "3"], ["4", "multi\nline \"quoted\"", "6"], ["7", "", ""],
                ["8", "9", "10"],
            ])
        #expect(whole.map(\.line) == [1, 2, 4, 6, 7])
        #expect(whole.allSatisfy { $0.problem == nil })
        for size in [1, 2, 3, 7] { #expect(Self.read(Self.text, chunk: size) == whole, "chunk \(size)") }
    }

    @Test("broken records carry a problem and reading goes on")
    func problems() {
        let records = Self.read("a,b\n\"x\"y,2\n3,4\n5,\"open", chunk: 3)
        #expect(records.map(\.line) == [1, 2, 3, 4])
        #expect(records[1].problem == "text after a closing quote")
        #expect(records[2].problem == nil && records[2].fields == ["3", "4"])
        #expect(records[3].problem?.contains("opened on line 4 is not closed") == true)
        var reader = DelimitedRecordReader()
        var out: [DelimitedRecordReader.Record] = []
        reader.feed([0x61, 0x0A, 0xFF, 0xFE, 0x0A]) { out.append($0) }
        #expect(out.last?.problem == "field 1 is not valid UTF-8")
    }

    @Test("another delimiter")
    func semicolons() {
        #expect(Self.read("a;b\n1;\"2;3\"\n", delimiter: ";", chunk: 4).map(\.fields) == [["a", "b"], ["1", "2;3"]])
    }
}
