import Testing

@testable import BatonCore

@Suite("PerceptionCSV")
struct PerceptionCSVTests {
    static let now = Timestamp(rfc3339: "2026-06-01T00:00:00Z")!

    @Test("a good file: every row a rating, dates or timestamps, optional note, columns in any order")
    func good() throws {
        let text =
            "assistant,respondent_role,rating,date,note\r\n" + "siem-copilot,analyst,good,2026-03-02,\r\n"
            + "\"edr, agent\",ciso,excellent,2026-03-03T09:30:00+01:00,\"loves it, \"\"mostly\"\"\"\r\n\r\n"
        let perceptions = try PerceptionCSV.parse(text, now: Self.now).get()
        #expect(perceptions.count == 2)
        #expect(perceptions[0].assistant == "siem-copilot")
        #expect(perceptions[0].respondentRole == "analyst")
        #expect(perceptions[0].rating == .good)
        #expect(perceptions[0].ratedAt == Timestamp(rfc3339: "2026-03-02T00:00:00Z"))
        #expect(perceptions[0].note == nil)
        #expect(perceptions[1].assistant == "edr, agent")
        #expect(perceptions[1].ratedAt == Timestamp(rfc3339: "2026-03-03T08:30:00Z"))
        #expect(perceptions[1].note == "loves it, \"mostly\"")
    }

    @Test("bad rows are all reported with their row number and reason, and nothing is returned")
    func bad() {
        let text = """
            respondent_role,assistant,rating,date
            analyst,siem-copilot,good,2026-03-02
            analyst,siem-copilot,great,2026-03-02
            ,siem-copilot,none,2026-03-02
            analyst,siem-copilot,some,yesterday
            analyst,siem-copilot,some
            analyst,siem-copilot,some,2027-01-01
            """
        guard case .failure(let rejected) = PerceptionCSV.parse(text, now: Self.now) else {
            Issue.record("a file with bad rows was accepted")
            return
        }
        let errors = rejected.rows
        #expect(errors.map(\.row) == [3, 4, 5, 6, 7])
        #expect(errors[0].reason.contains("'rating'") && errors[0].reason.contains("excellent, good, some, none"))
        #expect(errors[1].reason.contains("'respondent_role'"))
        #expect(errors[2].reason.contains("'date'"))
        #expect(errors[3].reason == "has 3 fields, the header has 4")
        #expect(errors[4].reason.contains("future"))
    }

    @Test("a wrong header is row 1's error")
    func header() {
        guard case .failure(let rejected) = PerceptionCSV.parse("role,assistant,rating,date\nx,y,good,2026-01-01\n")
        else {
            Issue.record("a wrong header was accepted")
            return
        }
        let errors = rejected.rows
        #expect(errors.count == 1)
        #expect(errors[0].row == 1)
        #expect(errors[0].reason.contains("missing column(s) respondent_role"))
        #expect(errors[0].reason.contains("unknown column(s) role"))
        guard case .failure(let empty) = PerceptionCSV.parse("") else {
            Issue.record("an empty file was accepted")
            return
        }
        #expect(empty.rows.first?.row == 1)
    }
}

@Suite("PerceptionCSV: hostile cells")
struct PerceptionCSVHostileTests {
    static let header = Array("respondent_role,assistant,rating,date,note\n".utf8)

    @Test(
        "a cell with NUL, invalid UTF-8, a BOM, a right-to-left override or a megabyte refuses the file, naming the row and column"
    )
    func hostileCells() throws {
        let cells: [(String, [UInt8], String)] = [
            ("NUL", Array("a".utf8) + [0x00], "contains a NUL character"),
            ("lone surrogate", Array("a".utf8) + [0xED, 0xA0, 0x80], "not valid UTF-8"),
            ("overlong", Array("a".utf8) + [0xC0, 0xAF], "not valid UTF-8"),
            ("BOM", [0xEF, 0xBB, 0xBF] + Array("a".utf8), "U+FEFF"),
            ("right-to-left override", Array("a\u{202E}b".utf8), "U+202E"),
            ("escape", Array("a\u{1B}[31m".utf8), "U+001B"),
            ("a megabyte", Array(repeating: UInt8(ascii: "x"), count: 1_000_000), "longer than"),
        ]
        for (name, cell, problem) in cells {
            for column in ["respondent_role", "assistant", "note"] {
                let fields: [[UInt8]] = [
                    column == "respondent_role" ? cell : Array("analyst".utf8),
                    column == "assistant" ? cell : Array("siem-copilot".utf8), Array("good".utf8),
                    Array("2026-03-02".utf8), column == "note" ? cell : Array("fine".utf8),
                ]
                let file =
                    Self.header + Array(Array("analyst,siem-copilot,good,2026-03-02,ok\n".utf8))
                    + Array(fields.joined(separator: [UInt8(ascii: ",")])) + [0x0A]
                switch PerceptionCSV.parse(bytes: file, now: PerceptionCSVTests.now) {
                case .success: Issue.record("\(name) in \(column): accepted")
                case .failure(let rejected):
                    let message = rejected.rows.map(\.description).joined(separator: "; ")
                    #expect(rejected.rows.first?.row == 3, "\(name) in \(column): \(message.prefix(200))")
                    #expect(message.contains(problem), "\(name) in \(column): \(message.prefix(200))")
                    if !problem.contains("UTF-8") {
                        #expect(message.contains("'\(column)'"), "\(name) in \(column): \(message.prefix(200))")
                    }
                }
            }
        }
        // A byte-order mark at the start of the file is the spreadsheet's encoding mark, not a cell.
        let marked = [0xEF, 0xBB, 0xBF] + Self.header + Array("analyst,siem-copilot,good,2026-03-02,ok\n".utf8)
        #expect(try PerceptionCSV.parse(bytes: marked, now: PerceptionCSVTests.now).get().count == 1)
    }
}
