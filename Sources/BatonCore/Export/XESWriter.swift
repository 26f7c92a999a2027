/// IEEE 1849-2016 XES: one `<trace>` per workflow (`concept:name` = workflow id), and per task a
/// `start` and, when it has ended, a `complete` event with `concept:name` = task type,
/// `lifecycle:transition`, `time:timestamp`, `org:resource` = actor, `concept:instance` = task id
/// (pairs a start with its completion) and Baton's `tool`, `stage`, `assistant`, `ai_mode`,
/// `context_from`.
///
/// The standard extensions are declared, globals give every event a name, a time and a
/// transition, and classifiers name the activity with and without lifecycle.
public struct XESWriter: EventLogWriter {
    public init() {}

    public func header() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">
          <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
          <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
          <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
          <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
          <global scope="trace">
            <string key="concept:name" value="__INVALID__"/>
          </global>
          <global scope="event">
            <string key="concept:name" value="__INVALID__"/>
            <date key="time:timestamp" value="1970-01-01T00:00:00Z"/>
            <string key="lifecycle:transition" value="complete"/>
          </global>
          <classifier name="Activity" keys="concept:name"/>
          <classifier name="Activity and lifecycle" keys="concept:name lifecycle:transition"/>
          <string key="concept:name" value="Baton event log"/>
          <string key="source" value="Baton"/>

        """
    }

    public func events(_ cases: [EventLogCase]) -> String {
        var out = ""
        for c in cases {
            out += "  <trace>\n"
            out += Self.attribute("string", "concept:name", c.workflowID, indent: 4)
            if let opened = c.openedAt { out += Self.attribute("date", "opened_at", opened.rfc3339, indent: 4) }
            if let closed = c.closedAt { out += Self.attribute("date", "closed_at", closed.rfc3339, indent: 4) }
            if let severity = c.severity { out += Self.attribute("string", "severity", severity.rawValue, indent: 4) }
            if let category = c.category { out += Self.attribute("string", "category", category, indent: 4) }
            for e in c.events {
                let t = e.task
                out += "    <event>\n"
                out += Self.attribute("string", "concept:name", t.taskType, indent: 6)
                out += Self.attribute("string", "lifecycle:transition", e.transition, indent: 6)
                out += Self.attribute("date", "time:timestamp", e.time.rfc3339, indent: 6)
                if let actor = t.actor { out += Self.attribute("string", "org:resource", actor, indent: 6) }
                out += Self.attribute("string", "concept:instance", t.id, indent: 6)
                out += Self.attribute("string", "tool", t.tool, indent: 6)
                if let stage = t.stage { out += Self.attribute("string", "stage", stage.rawValue, indent: 6) }
                if let assistant = t.assistant { out += Self.attribute("string", "assistant", assistant, indent: 6) }
                out += Self.attribute("string", "ai_mode", t.aiMode.rawValue, indent: 6)
                if let context = t.contextFrom { out += Self.attribute("string", "context_from", context, indent: 6) }
                out += "    </event>\n"
            }
            out += "  </trace>\n"
        }
        return out
    }

    public func footer() -> String { "</log>\n" }

    static func attribute(_ type: String, _ key: String, _ value: String, indent: Int) -> String {
        String(repeating: " ", count: indent) + "<\(type) key=\"\(escaped(key))\" value=\"\(escaped(value))\"/>\n"
    }

    /// Text safe inside a double-quoted XML attribute: markup characters as entities, tab and line
    /// breaks as character references (attribute normalisation would turn them into spaces), and
    /// characters XML 1.0 cannot carry at all replaced by U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
