/// Turns one loosely-typed JSON record into a validated ``Record`` or a ``RecordRejection``
/// whose message names the field at fault.
///
/// Unknown fields are ignored so that senders can add fields before Baton knows them.
public struct RecordValidator: Sendable {
    public var limits: RecordLimits
    /// The current time; timestamps later than `now` plus the allowed skew are rejected.
    public var now: Timestamp

    public init(now: Timestamp, limits: RecordLimits = RecordLimits()) {
        self.now = now
        self.limits = limits
    }

    public func validate(_ value: JSONValue, index: Int) -> Result<Record, RecordRejection> {
        guard case .object(let fields) = value else {
            return .failure(
                RecordRejection(
                    index: index, id: nil, error: "record must be a JSON object, not \(value.typeName)"))
        }
        let reader = FieldReader(fields: fields, limits: limits, now: now)
        let ownID: String?
        switch fields["type"] {
        case .string("task"): ownID = reader.peekString("id")
        case .string("workflow"): ownID = reader.peekString("workflow_id")
        default: ownID = reader.peekString("id") ?? reader.peekString("workflow_id")
        }
        do throws(FieldError) {
            try reader.checkOtherText(except: Self.fieldNames)
            switch fields["type"] {
            case nil, .null:
                throw FieldError("missing required field 'type' (allowed: workflow, task)")
            case .string("workflow"):
                return .success(.workflow(try workflow(reader)))
            case .string("task"):
                return .success(.task(try task(reader)))
            case .string(let other):
                throw FieldError(
                    "field 'type': unknown record type '\(other.prefix(64))' (allowed: workflow, task)")
            case .some(let other):
                throw FieldError("field 'type' must be a string, not \(other.typeName)")
            }
        } catch {
            return .failure(RecordRejection(index: index, id: ownID, error: error.message))
        }
    }

    /// Every field a record may carry; others are ignored (``FieldReader/checkOtherText(except:)``).
    static let fieldNames: Set<String> = [
        "type", "workflow_id", "id", "task_type", "stage", "tool", "actor", "assistant", "ai_mode", "started_at",
        "ended_at", "context_from", "attributes", "opened_at", "closed_at", "severity", "category", "outcome",
    ]

    private func workflow(_ r: FieldReader) throws(FieldError) -> WorkflowRecord {
        let id = try r.identifier("workflow_id")
        let opened = try r.timestamp("opened_at")
        let closed = try r.optionalTimestamp("closed_at")
        if let closed, closed < opened {
            throw FieldError("field 'closed_at' (\(closed)) is before 'opened_at' (\(opened))")
        }
        return WorkflowRecord(
            workflowID: id, openedAt: opened, closedAt: closed,
            severity: try r.optionalEnum("severity", Severity.self),
            category: try r.optionalText("category"),
            outcome: try r.optionalText("outcome"))
    }

    private func task(_ r: FieldReader) throws(FieldError) -> TaskRecord {
        let id = try r.identifier("id")
        let workflowID = try r.identifier("workflow_id")
        let taskType = try r.text("task_type")
        let stage = try r.optionalEnum("stage", Stage.self)
        let tool = try r.text("tool")
        let actor = try r.optionalText("actor")
        let aiMode = try r.enumValue("ai_mode", AIMode.self)
        let assistant = try r.optionalIdentifier("assistant")
        if aiMode.isAITouched, assistant == nil {
            throw FieldError("missing field 'assistant': required when ai_mode is '\(aiMode.rawValue)'")
        }
        let started = try r.timestamp("started_at")
        let ended = try r.optionalTimestamp("ended_at")
        if let ended, ended < started {
            throw FieldError("field 'ended_at' (\(ended)) is before 'started_at' (\(started))")
        }
        let contextFrom = try r.optionalIdentifier("context_from")
        return TaskRecord(
            id: id, workflowID: workflowID, taskType: taskType, stage: stage, tool: tool, actor: actor,
            assistant: assistant, aiMode: aiMode, startedAt: started, endedAt: ended,
            contextFrom: contextFrom, attributes: try r.attributes("attributes"))
    }
}

/// A validation failure; its message names the field.
struct FieldError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Reads typed fields out of a JSON object, producing messages that name each field.
struct FieldReader {
    var fields: [String: JSONValue]
    var limits: RecordLimits
    var now: Timestamp

    /// An optional flat object: at most 32 names of 1–64 ASCII letters, digits, `.`, `_` or `-`,
    /// each a finite number, a boolean or a string within the text limit.
    func attributes(_ name: String) throws(FieldError) -> [String: JSONValue]? {
        switch fields[name] {
        case nil, .null: return nil
        case .object(let object):
            guard object.count <= 32 else {
                throw FieldError("field '\(name)': at most 32 attributes, got \(object.count)")
            }
            for (key, value) in object {
                guard (1...64).contains(key.utf8.count),
                    key.utf8.allSatisfy({
                        ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                            || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                            || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                            || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
                    })
                else {
                    throw FieldError(
                        "field '\(name)': attribute name '\(key.prefix(70))' must be 1–64 ASCII letters, digits, '.', '_' or '-'"
                    )
                }
                switch value {
                case .number(let n) where n.isFinite: continue
                case .bool: continue
                case .string(let text):
                    do throws(InputText.Refusal) {
                        _ = try InputText.check(
                            text, field: "field '\(name)': attribute '\(key)'", maxLength: limits.maxTextLength)
                    } catch {
                        throw FieldError(error.description)
                    }
                default:
                    throw FieldError(
                        "field '\(name)': attribute '\(key)' must be a number, a boolean or a string of at most \(limits.maxTextLength) characters"
                    )
                }
            }
            return object.isEmpty ? nil : object
        case .some(let other):
            throw FieldError("field '\(name)' must be an object, not \(other.typeName)")
        }
    }

    /// ``JSONValue/checkText(of:except:)`` as a field error: keys, and text in ignored fields.
    func checkOtherText(except known: Set<String>) throws(FieldError) {
        do throws(InputText.Refusal) {
            try JSONValue.checkText(of: fields, except: known)
        } catch {
            throw FieldError(error.description)
        }
    }

    func peekString(_ name: String) -> String? {
        if case .string(let s) = fields[name], !s.isEmpty, s.count <= limits.maxIdentifierLength {
            return s
        }
        return nil
    }

    func optionalString(_ name: String, maxLength: Int) throws(FieldError) -> String? {
        switch fields[name] {
        case nil, .null:
            return nil
        case .string(let s):
            if s.isEmpty { throw FieldError("field '\(name)' must not be empty") }
            do throws(InputText.Refusal) {
                return try InputText.check(s, field: "field '\(name)'", maxLength: maxLength)
            } catch {
                throw FieldError(error.description)
            }
        case .some(let other):
            throw FieldError("field '\(name)' must be a string, not \(other.typeName)")
        }
    }

    /// Free text (lines and tabs allowed, CR LF read as LF), not empty or only spaces.
    func optionalFreeText(_ name: String, maxLength: Int) throws(FieldError) -> String? {
        switch fields[name] {
        case nil, .null:
            return nil
        case .string(let s):
            guard s.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                throw FieldError("field '\(name)' must not be empty")
            }
            do throws(InputText.Refusal) {
                return try InputText.check(s, field: "field '\(name)'", maxLength: maxLength, shape: .text)
            } catch {
                throw FieldError(error.description)
            }
        case .some(let other):
            throw FieldError("field '\(name)' must be a string, not \(other.typeName)")
        }
    }

    func required<T>(_ name: String, _ value: T?) throws(FieldError) -> T {
        guard let value else { throw FieldError("missing required field '\(name)'") }
        return value
    }

    func identifier(_ name: String) throws(FieldError) -> String {
        try required(name, optionalIdentifier(name))
    }

    func optionalIdentifier(_ name: String) throws(FieldError) -> String? {
        try optionalString(name, maxLength: limits.maxIdentifierLength)
    }

    func text(_ name: String) throws(FieldError) -> String {
        try required(name, optionalText(name))
    }

    func optionalText(_ name: String) throws(FieldError) -> String? {
        try optionalString(name, maxLength: limits.maxTextLength)
    }

    func optionalEnum<E: Vocabulary>(_ name: String, _ type: E.Type) throws(FieldError) -> E? {
        guard let raw = try optionalString(name, maxLength: limits.maxTextLength) else { return nil }
        guard let value = E(rawValue: raw) else {
            throw FieldError("field '\(name)': '\(raw.prefix(64))' is not one of \(E.allowedValues)")
        }
        return value
    }

    func enumValue<E: Vocabulary>(_ name: String, _ type: E.Type) throws(FieldError) -> E {
        guard let value = try optionalEnum(name, type) else {
            throw FieldError("missing required field '\(name)' (allowed: \(E.allowedValues))")
        }
        return value
    }

    func timestamp(_ name: String) throws(FieldError) -> Timestamp {
        try required(name, optionalTimestamp(name))
    }

    func optionalTimestamp(_ name: String) throws(FieldError) -> Timestamp? {
        guard let raw = try optionalString(name, maxLength: 64) else { return nil }
        guard let value = Timestamp(rfc3339: raw) else {
            throw FieldError(
                "field '\(name)': '\(raw)' is not an RFC 3339 timestamp with an offset (such as 2026-03-02T10:04:00Z)"
            )
        }
        if value.microseconds(since: now) > limits.maxFutureSkewMicroseconds {
            throw FieldError(
                "field '\(name)' (\(value)) is more than \(limits.maxFutureSkewMicroseconds / 1_000_000) seconds in the future"
            )
        }
        return value
    }
}
