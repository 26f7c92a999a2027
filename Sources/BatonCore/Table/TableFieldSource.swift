/// Where one record field comes from in a row of a case-tool export (`Docs/import.md`): a
/// column, a constant, a template over columns, or the first tag matching a pattern; optionally
/// through a table of values, and (for instants) in a format of its own.
///
/// In a mapping file a bare string names a column: `"opened_at": "opened_at"`.
public struct TableFieldSource: Sendable, Hashable, Codable {
    /// A column (CSV header) or key (JSON lines; `a.b` reads nested objects).
    public var column: String?
    /// A constant.
    public var value: String?
    /// Text with `{column}` placeholders, such as `thehive-{number}`.
    public var template: String?
    /// A regular expression: the first of the row's tags it matches gives the value (its first
    /// capture group when it has one, else the whole tag).
    public var tag: String?
    /// Raw value → value: severities, statuses, stages, tools. A raw value not in the table takes
    /// `default` (where `{value}` stands for the raw value), else the row is rejected.
    public var values: [String: String]?
    public var `default`: String?
    /// Instants only: this field's format, instead of the mapping's `timestamps`.
    public var timestamps: TimestampFormat?

    public init(
        column: String? = nil, value: String? = nil, template: String? = nil, tag: String? = nil,
        values: [String: String]? = nil, default: String? = nil, timestamps: TimestampFormat? = nil
    ) {
        self.column = column
        self.value = value
        self.template = template
        self.tag = tag
        self.values = values
        self.default = `default`
        self.timestamps = timestamps
    }

    private enum CodingKeys: String, CodingKey {
        case column, value, template, tag, values, `default`, timestamps
    }

    public init(from decoder: any Decoder) throws {
        if let column = try? decoder.singleValueContainer().decode(String.self) {
            self.init(column: column)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            column: try c.decodeIfPresent(String.self, forKey: .column),
            value: try c.decodeIfPresent(String.self, forKey: .value),
            template: try c.decodeIfPresent(String.self, forKey: .template),
            tag: try c.decodeIfPresent(String.self, forKey: .tag),
            values: try c.decodeIfPresent([String: String].self, forKey: .values),
            default: try c.decodeIfPresent(String.self, forKey: .default),
            timestamps: try c.decodeIfPresent(TimestampFormat.self, forKey: .timestamps))
        let kinds = [column, value, template, tag].compactMap { $0 }.count
        guard kinds == 1 else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "give exactly one of column, value, template or tag"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(column, forKey: .column)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(template, forKey: .template)
        try c.encodeIfPresent(tag, forKey: .tag)
        try c.encodeIfPresent(values, forKey: .values)
        try c.encodeIfPresent(self.default, forKey: .default)
        try c.encodeIfPresent(timestamps, forKey: .timestamps)
    }

    /// The columns this source reads.
    public var columns: [String] {
        if let column { return [column] }
        guard let template else { return [] }
        return Self.placeholders(in: template)
    }

    /// The `{name}` placeholders of a template.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// How the source reads in an error message: `column 'startDate'`.
    public var label: String {
        if let column { return "column '\(column)'" }
        if let template { return "template '\(template)'" }
        if let tag { return "tag pattern '\(tag)'" }
        return "constant '\(value ?? "")'"
    }
}
