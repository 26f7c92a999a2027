/// A ``TableMapping`` checked and compiled once (timestamp parsers, regular expressions), then
/// applied to every row: `records(for:)` gives the row's contract records as JSON objects, to be
/// validated by the collector's ``RecordValidator`` like any other record.
public struct TableMapper {
    public let mapping: TableMapping
    /// Columns the mapping reads, each with the record field it gives (CSV headers must have them).
    public let columns: [(column: String, field: String)]
    let defaultTimestamps: TimestampParser
    var parsers: [TimestampFormat: TimestampParser]
    let tagPatterns: [String: Regex<AnyRegexOutput>]
    let rules: [CompiledRule]

    struct CompiledRule {
        var rule: AssistantRule
        var actor: Regex<AnyRegexOutput>?
        var pattern: Regex<AnyRegexOutput>?
        var tag: Regex<AnyRegexOutput>?
    }

    /// What a row gives: records, or nothing because its status says to skip it.
    public enum Outcome {
        case records([JSONValue])
        case skipped(String)
    }

    public init(_ mapping: TableMapping) throws(TableMappingError) {
        self.mapping = mapping
        guard mapping.workflow != nil || mapping.task != nil || mapping.statuses != nil else {
            throw TableMappingError("the mapping maps nothing: give workflow, task or statuses")
        }
        if mapping.statuses != nil {
            guard mapping.workflow != nil else {
                throw TableMappingError("statuses need a workflow section (the case's id and opening time)")
            }
            if mapping.workflow?.closedAt != nil {
                throw TableMappingError(
                    "with statuses the case closes by the closing statuses: remove workflow.closed_at")
            }
            if mapping.task != nil { throw TableMappingError("give task or statuses, not both") }
        }
        if let delimiter = mapping.delimiter, delimiter.utf8.count != 1 || delimiter == "\"" {
            throw TableMappingError("delimiter '\(delimiter)' must be one ASCII character other than a quote")
        }
        do {
            defaultTimestamps = try TimestampParser(mapping.timestamps ?? .rfc3339)
        } catch {
            throw TableMappingError("timestamps: \(error.reason)")
        }
        var parsers: [TimestampFormat: TimestampParser] = [:]
        var sources: [(String, TableFieldSource)] = []
        if let w = mapping.workflow {
            sources += [("workflow_id", w.id), ("opened_at", w.openedAt)]
            sources += [
                ("closed_at", w.closedAt), ("severity", w.severity), ("category", w.category),
                ("outcome", w.outcome), ("workflow status", w.status),
            ].compactMap { name, source in source.map { (name, $0) } }
        }
        if let t = mapping.task {
            sources += [
                ("id", t.id), ("workflow_id", t.workflowID), ("task_type", t.taskType), ("tool", t.tool),
                ("started_at", t.startedAt),
            ]
            sources += [
                ("stage", t.stage), ("actor", t.actor), ("ended_at", t.endedAt), ("context_from", t.contextFrom),
                ("task status", t.status),
            ].compactMap { name, source in source.map { (name, $0) } }
        }
        if let s = mapping.statuses { sources.append(("tool", s.tool)) }
        var patterns: [String: Regex<AnyRegexOutput>] = [:]
        func compile(_ pattern: String, _ what: String) throws(TableMappingError) -> Regex<AnyRegexOutput> {
            do {
                return try Regex(pattern)
            } catch {
                throw TableMappingError("\(what): '\(pattern)' is not a valid regular expression (\(error))")
            }
        }
        for (name, source) in sources {
            if let format = source.timestamps, parsers[format] == nil {
                do {
                    parsers[format] = try TimestampParser(format)
                } catch {
                    throw TableMappingError("\(name).timestamps: \(error.reason)")
                }
            }
            if let tag = source.tag {
                guard mapping.tags != nil else {
                    throw TableMappingError("\(name) reads a tag, but the mapping has no \"tags\" column")
                }
                patterns[tag] = try compile(tag, name)
            }
        }
        self.parsers = parsers
        self.tagPatterns = patterns
        var rules: [CompiledRule] = []
        for (index, rule) in (mapping.assistants ?? []).enumerated() {
            let what = "assistants[\(index)]"
            let kinds = [rule.actor, rule.column, rule.tag].compactMap { $0 }.count
            guard kinds == 1 else { throw TableMappingError("\(what): give exactly one of actor, column or tag") }
            guard rule.aiMode.isAITouched else {
                throw TableMappingError("\(what): ai_mode must be assisted or autonomous")
            }
            if rule.column != nil, rule.pattern == nil {
                throw TableMappingError("\(what): a column rule needs a pattern")
            }
            if rule.tag != nil, mapping.tags == nil {
                throw TableMappingError("\(what) reads tags, but the mapping has no \"tags\" column")
            }
            func optional(_ pattern: String?) throws(TableMappingError) -> Regex<AnyRegexOutput>? {
                guard let pattern else { return nil }
                return try compile(pattern, what)
            }
            rules.append(
                CompiledRule(
                    rule: rule, actor: try optional(rule.actor), pattern: try optional(rule.pattern),
                    tag: try optional(rule.tag)))
        }
        self.rules = rules
        var columns: [(column: String, field: String)] = []
        for (name, source) in sources {
            for column in source.columns where !columns.contains(where: { $0.column == column }) {
                columns.append((column, name))
            }
        }
        if let tags = mapping.tags, !columns.contains(where: { $0.column == tags.column }) {
            columns.append((tags.column, "tags"))
        }
        for rule in rules {
            if let column = rule.rule.column, !columns.contains(where: { $0.column == column }) {
                columns.append((column, "assistants"))
            }
        }
        if let s = mapping.statuses, !columns.contains(where: { $0.column == s.changes }) {
            columns.append((s.changes, "statuses"))
        }
        self.columns = columns
    }
}
