import Testing

@testable import BatonCore

@Suite("Intervention targets and the recorded fields")
struct InterventionTargetTests {
    @Test("a pair may be written with → or ->, with or without spaces; it is kept as from→to")
    func normalised() throws {
        for text in ["edr→soar", "edr -> soar", " edr → soar ", "edr->soar"] {
            let t = try InterventionTarget(kind: .handoffClass, text)
            #expect(t.value == "edr→soar")
            #expect(t.ends?.from == "edr" && t.ends?.to == "soar")
        }
        let pair = try InterventionTarget(kind: .assistantPair, "siem-triage-assistant → human")
        #expect(pair.value == "siem-triage-assistant→human")
        #expect(try InterventionTarget(kind: .assistant, " edr-agent ").value == "edr-agent")
    }

    @Test(
        "refusals name the field",
        arguments: [
            (InterventionTarget.Kind.handoffClass, "edr soar"), (.handoffClass, "→soar"), (.handoffClass, "edr→"),
            (.assistantPair, "a→b→c"), (.assistant, "a→b"), (.assistant, "   "),
            (.assistant, String(repeating: "x", count: 129)),
        ])
    func refused(kind: InterventionTarget.Kind, text: String) {
        #expect(throws: InterventionTarget.Invalid.self) { try InterventionTarget(kind: kind, text) }
        do {
            _ = try InterventionTarget(kind: kind, text)
        } catch {
            #expect(error.description.contains("'target'"))
        }
    }

    @Test("matching: a class by its tool pair, a pair by both sides, an assistant by either side")
    func matching() throws {
        let byClass = try InterventionTarget(kind: .handoffClass, "edr→soar")
        #expect(byClass.matches(toolPair: "edr→soar", fromSide: "human", toSide: "x"))
        #expect(!byClass.matches(toolPair: "soar→edr", fromSide: "human", toSide: "x"))
        let pair = try InterventionTarget(kind: .assistantPair, "a→human")
        #expect(pair.matches(toolPair: "siem→tip", fromSide: "a", toSide: "human"))
        #expect(!pair.matches(toolPair: "siem→tip", fromSide: "human", toSide: "a"))
        let one = try InterventionTarget(kind: .assistant, "a")
        #expect(one.matches(toolPair: "x→y", fromSide: "a", toSide: "human"))
        #expect(one.matches(toolPair: "x→y", fromSide: "human", toSide: "a"))
        #expect(!one.matches(toolPair: "x→y", fromSide: "human", toSide: "b"))
    }

    @Test("guidance links: a class under tool classing, a pair or an assistant under assistant classing")
    func addresses() throws {
        let byClass = try InterventionTarget(kind: .handoffClass, "edr→soar")
        #expect(byClass.addresses(handoffClass: "edr→soar", classing: .tool))
        #expect(!byClass.addresses(handoffClass: "edr→soar", classing: .assistant))
        let pair = try InterventionTarget(kind: .assistantPair, "a→human")
        #expect(pair.addresses(handoffClass: "a→human", classing: .assistant))
        #expect(!pair.addresses(handoffClass: "a→human", classing: .tool))
        let one = try InterventionTarget(kind: .assistant, "a")
        #expect(one.addresses(handoffClass: "human→a", classing: .assistant))
        #expect(one.addresses(handoffClass: "a→b", classing: .assistant))
        #expect(!one.addresses(handoffClass: "ab→b", classing: .assistant))
    }

    @Test(
        "the body: date as a day or RFC 3339, the kind, the target and the description, each refusal naming its field")
    func validation() throws {
        func check(_ fields: [String: JSONValue]) -> Result<InterventionInput, FieldRejection> {
            InterventionInput.validated(fields: fields)
        }
        let good: [String: JSONValue] = [
            "date": .string("2026-02-15"), "target_kind": .string("handoff-class"), "target": .string("edr -> soar"),
            "description": .string("Pre-approve standard containment actions\nfor low severity"),
        ]
        let input = try check(good).get()
        #expect(input.date == Timestamp(rfc3339: "2026-02-15T00:00:00Z"))
        #expect(input.target.value == "edr→soar" && input.target.kind == .handoffClass)
        #expect(input.description.contains("\n"))
        var offset = good
        offset["date"] = .string("2026-02-15T09:30:00+02:00")
        #expect(try check(offset).get().date == Timestamp(rfc3339: "2026-02-15T07:30:00Z"))
        let refusals: [(String, JSONValue?, String)] = [
            ("date", nil, "'date'"), ("date", .string("15/02/2026"), "'date'"), ("date", .number(3), "'date'"),
            ("target_kind", .string("tool"), "'target_kind'"), ("target_kind", nil, "'target_kind'"),
            ("target", nil, "'target'"), ("target", .string("edr"), "'target'"),
            ("description", nil, "'description'"), ("description", .string("  \n "), "'description'"),
            ("description", .string(String(repeating: "x", count: 1_001)), "'description'"),
            ("description", .string("bad\u{202E}text"), "'description'"),
        ]
        for (field, value, named) in refusals {
            var fields = good
            fields[field] = value
            guard case .failure(let rejection) = check(fields) else {
                Issue.record("\(field) = \(String(describing: value)) was accepted")
                continue
            }
            #expect(rejection.message.contains(named), "\(rejection.message)")
        }
        var extra = good
        extra["note\u{0}"] = .string("x")
        #expect((try? check(extra).get()) == nil)
    }
}
