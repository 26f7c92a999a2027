import BatonCore
import Foundation
import Testing

private let workflowLine =
    #"{"type": "workflow", "workflow_id": "INC-1042", "opened_at": "2026-03-02T10:00:00Z"}"#
private let taskLine =
    #"{"type": "task", "id": "siem-42", "workflow_id": "INC-1042", "tool": "siem"}"#

private let workflowValue: JSONValue = .object([
    "type": .string("workflow"), "workflow_id": .string("INC-1042"), "opened_at": .string("2026-03-02T10:00:00Z"),
])
private let taskValue: JSONValue = .object([
    "type": .string("task"), "id": .string("siem-42"), "workflow_id": .string("INC-1042"), "tool": .string("siem"),
])

private func parse(_ body: String, _ format: BatchFormat) throws(BatchParser.MalformedBody) -> [BatchParser.Item] {
    try BatchParser.parse(Data(body.utf8), format: format)
}

/// The successful values, recording an issue for every rejection.
private func values(_ items: [BatchParser.Item]) -> [JSONValue] {
    items.compactMap { item in
        switch item {
        case .success(let v): return v
        case .failure(let r):
            Issue.record("unexpected rejection: \(r.error)")
            return nil
        }
    }
}

/// The message of the `MalformedBody` that parsing `body` throws, or `nil` (recording an issue) if it parses.
private func emptyBodyMessage(_ body: String, _ format: BatchFormat) -> String? {
    do throws(BatchParser.MalformedBody) {
        let items = try parse(body, format)
        Issue.record("expected MalformedBody, parsed \(items.count) items")
        return nil
    } catch {
        return error.message
    }
}

@Suite struct BatchParserTests {
    // MARK: JSON

    @Test func jsonArrayOfRecords() throws {
        let items = try parse("[\(workflowLine), \(taskLine)]", .json)
        #expect(values(items) == [workflowValue, taskValue])
    }

    @Test func emptyJSONArrayIsAnEmptyBatch() throws {
        #expect(try parse("[]", .json).isEmpty)
        #expect(try parse(" \n[ ]\n", .json).isEmpty)
        #expect(try parse(#"{"records": []}"#, .json).isEmpty)
    }

    @Test(arguments: ["", " ", "\n", "\r\n", "\t", " \t\r\n \n"])
    func jsonEmptyOrBlankBodyIsMalformed(body: String) {
        #expect(emptyBodyMessage(body, .json) == "body is empty")
    }

    @Test func nonEmptyBadBodyIsNotReportedAsEmpty() {
        // Only a body with nothing in it is "empty"; anything else that fails says why.
        #expect(emptyBodyMessage("  x  ", .json)?.hasPrefix("body is not valid JSON: unexpected character") == true)
        #expect(
            emptyBodyMessage("\nx\n", .ndjson)
                == "body is not valid NDJSON: no line is a JSON value (line 2 is not valid JSON: unexpected character (at byte 0))"
        )
    }

    @Test func jsonObjectWithRecordsArray() throws {
        let items = try parse(#"{"records": [\#(taskLine), \#(workflowLine)]}"#, .json)
        #expect(values(items) == [taskValue, workflowValue])
    }

    @Test func singleRecordObject() throws {
        let items = try parse(workflowLine, .json)
        #expect(values(items) == [workflowValue])
    }

    @Test func arrayElementsAreKeptEvenWhenNotObjects() throws {
        // Shape errors of single records are left to the validator, one rejection per record.
        let items = try parse("[1, \"x\", null, \(taskLine)]", .json)
        #expect(values(items) == [.number(1), .string("x"), .null, taskValue])
    }

    @Test func jsonValuesKeepTheirTypes() throws {
        let items = try parse(
            #"[{"n": 1, "f": 2.5, "b": true, "z": false, "s": "1", "u": null, "a": [0], "o": {}}]"#, .json)
        #expect(
            values(items) == [
                .object([
                    "n": .number(1), "f": .number(2.5), "b": .bool(true), "z": .bool(false), "s": .string("1"),
                    "u": .null, "a": .array([.number(0)]), "o": .object([:]),
                ])
            ])
    }

    @Test(arguments: ["", "not json", "{", "[1, 2", "{\"type\": \"task\"", "\(workflowLine)\n\(taskLine)"])
    func nonJSONBodyThrows(body: String) {
        #expect(throws: BatchParser.MalformedBody.self) { try parse(body, .json) }
    }

    @Test(arguments: [
        "42", "\"records\"", "null", "true", #"{"records": {"type": "task"}}"#, #"{"records": "x"}"#,
        #"{"workflow_id": "INC-1042"}"#, "{}",
    ])
    func jsonOfWrongShapeThrows(body: String) {
        #expect(throws: BatchParser.MalformedBody.self) { try parse(body, .json) }
    }

    @Test func malformedBodyMessageNamesRecordsField() {
        do throws(BatchParser.MalformedBody) {
            _ = try parse(#"{"records": 5}"#, .json)
            Issue.record("expected MalformedBody")
        } catch {
            #expect(error.message.contains("'records'"))
        }
    }

    // MARK: NDJSON

    @Test func ndjsonOneRecordPerLine() throws {
        let items = try parse("\(workflowLine)\n\(taskLine)\n", .ndjson)
        #expect(values(items) == [workflowValue, taskValue])
    }

    @Test func ndjsonWithBlankLinesAndCRLF() throws {
        let body = "\r\n\(workflowLine)\r\n\r\n   \n\t\n\(taskLine)\r\n\r\n"
        let items = try parse(body, .ndjson)
        #expect(values(items) == [workflowValue, taskValue])
    }

    @Test func ndjsonWithoutTrailingNewline() throws {
        let items = try parse("\(workflowLine)\n  \(taskLine)  ", .ndjson)
        #expect(values(items) == [workflowValue, taskValue])
    }

    @Test func ndjsonBadLineIsRejectedAloneWithItsLineNumber() throws {
        // Lines: 1 blank, 2 workflow, 3 blank, 4 bad, 5 task (CRLF), 6 empty.
        let body = "\n\(workflowLine)\n\n{\"type\": \"task\", oops\n\(taskLine)\r\n"
        let items = try parse(body, .ndjson)
        #expect(items.count == 3)
        guard items.count == 3 else { return }
        #expect(try items[0].get() == workflowValue)
        #expect(try items[2].get() == taskValue)
        guard case .failure(let rejection) = items[1] else {
            Issue.record("line 4 should be rejected")
            return
        }
        // The index counts non-empty lines; the message names the physical line.
        #expect(rejection.index == 1)
        #expect(rejection.id == nil)
        #expect(rejection.error.contains("line 4"))
    }

    @Test func ndjsonSeveralBadLines() throws {
        let items = try parse("x\n\(taskLine)\ny\n", .ndjson)
        #expect(items.count == 3)
        guard items.count == 3 else { return }
        guard case .failure(let first) = items[0], case .failure(let third) = items[2] else {
            Issue.record("lines 1 and 3 should be rejected")
            return
        }
        #expect(first.index == 0)
        #expect(first.error.contains("line 1"))
        #expect(third.index == 2)
        #expect(third.error.contains("line 3"))
        #expect(try items[1].get() == taskValue)
    }

    @Test func ndjsonArrayLineIsOneItem() throws {
        let items = try parse("[\(taskLine)]\n", .ndjson)
        #expect(values(items) == [.array([taskValue])])
    }

    @Test(arguments: ["not json", "x\ny\n\nz", "{\n}\n", "\r\n{oops}\r\n"])
    func ndjsonWithNoValidLineThrows(body: String) {
        #expect(throws: BatchParser.MalformedBody.self) { try parse(body, .ndjson) }
    }

    @Test(arguments: ["", "\n", "\n\r\n  \n", "\r", "   ", "\t\n\t", "\r\n\r\n"])
    func ndjsonEmptyOrBlankBodyIsMalformed(body: String) {
        // Nothing to reject line by line: the body as a whole is empty, as in JSON.
        #expect(emptyBodyMessage(body, .ndjson) == "body is empty")
    }

    @Test func ndjsonDoesNotAcceptPrettyPrintedJSON() throws {
        // A multi-line object is not NDJSON: each of its three lines is rejected on its own.
        let items = try parse("{\n\"type\": \"task\"\n}\n\(taskLine)\n", .ndjson)
        #expect(items.count == 4)
        guard items.count == 4 else { return }
        #expect((try? items[0].get()) == nil)
        #expect((try? items[1].get()) == nil)
        #expect((try? items[2].get()) == nil)
        #expect(try items[3].get() == taskValue)
    }
}
