import BatonCore
import Testing

@Suite("Queue filters by side (value-model §8)")
struct HandoffFilterSidesTests {
    @Test("from_assistant and to_assistant name one side each; human is the side with no AI; class_by is read")
    func sides() throws {
        let filter = try HandoffFilter(parameters: [
            "from_assistant": "siem-x", "to_assistant": "human", "class_by": "assistant",
        ])
        #expect(filter.fromAssistant == CoordinationSide(assistant: "siem-x"))
        #expect(filter.toAssistant == .human)
        #expect(filter.classBy == .assistant)
        // The old filter is untouched and still means either side.
        #expect(filter.assistant == nil)
        #expect(try HandoffFilter(parameters: [:]).classBy == .tool)
        for (name, value) in [
            ("from_assistant", ""), ("to_assistant", String(repeating: "x", count: 201)), ("class_by", "team"),
        ] {
            #expect(throws: HandoffFilter.ParameterError.self, "\(name)") {
                try HandoffFilter(parameters: [name: value])
            }
            do {
                _ = try HandoffFilter(parameters: [name: value])
            } catch {
                #expect(error.parameter == name)
            }
        }
    }

    @Test("a row's class by tool pair or by assistant pair")
    func rowClass() {
        let h = Handoff(
            sequence: 1, kind: .handoff, fromTaskID: "a", toTaskID: "b", waitMicroseconds: 0,
            handedAt: Timestamp(microseconds: 0), fromTool: "siem", toTool: "edr", fromStage: nil, toStage: nil,
            fromActor: nil, toActor: nil, crossTool: true, aiBoundary: true, contextCarried: false,
            coordination: HandoffCoordination(
                fromAssistant: "siem-x", fromAIMode: .assisted, toAssistant: nil, toAIMode: AIMode.none))
        #expect(h.handoffClass(.tool) == "siem→edr")
        #expect(h.handoffClass(.assistant) == "siem-x→human")
        #expect(h.assistants == ["siem-x"])
    }
}
