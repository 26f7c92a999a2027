import BatonCore
import BatonStore
import BatonTestSupport
import Testing

@Suite("COPY text of records")
struct CopyTextTests {
    @Test("NULL is \\N; backslash, tab, newline and carriage return are escaped by scalar, other text is as it is")
    func fields() {
        #expect(CopyText.field(nil) == "\\N")
        #expect(CopyText.field("plain text, ünïcode") == "plain text, ünïcode")
        #expect(CopyText.field("a\\b\tc\nd\re") == "a\\\\b\\tc\\nd\\re")
        #expect(CopyText.field("x\r\ny") == "x\\r\\ny")
    }

    @Test("every row has a field per column of its table; tasks are in their workflow's opening month")
    func rowsMatchTheirTables() throws {
        guard case .workflow(let workflow) = Fixtures.workflow("W-1", opened: 0, closed: 30),
            case .task(let task) = Fixtures.task("t-1", workflow: "W-1", start: 5, end: 10)
        else { throw CopyTextError() }
        let workflows = CopyText.workflows([workflow], tenant: "soc-a")
        let tasks = CopyText.tasks([(workflow, [task])], tenant: "soc-a")
        let workflowFields = workflows.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        let taskFields = tasks.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        #expect(workflowFields.count == CopyTable.workflows.columns.count)
        #expect(taskFields.count == CopyTable.tasks.columns.count)
        #expect(workflowFields.first == "soc-a" && workflowFields[1] == "W-1")
        // The fixtures' origin is 2026-03-02: the March partition.
        #expect(taskFields.last == "2026-03-01")
    }

    struct CopyTextError: Error {}
}
