/// Reads perceived-value ratings from a CSV file (`baton import perceptions FILE.csv`): a header
/// `respondent_role,assistant,rating,date` (any order, optionally `note`), then one rating a row.
///
/// All or nothing: if any row is bad, every bad row is reported (with its row number, the header
/// being row 1, as a spreadsheet numbers them) and no rating is returned, so a half-imported
/// survey never skews the perceived ratings.
public enum PerceptionCSV {
    public struct RowError: Sendable, Hashable, CustomStringConvertible {
        public var row: Int
        public var reason: String
        public var description: String { "row \(row): \(reason)" }
    }

    /// Every bad row of a refused file.
    public struct Rejected: Error, Sendable, Hashable {
        public var rows: [RowError]
    }

    /// The ratings of a file's bytes: text that is not UTF-8 is refused with the row it is on;
    /// each cell is then checked by ``Perception/validated(fields:limits:now:)`` (``InputText``).
    public static func parse(
        bytes: some Collection<UInt8>, limits: RecordLimits = RecordLimits(), now: Timestamp = .now
    ) -> Result<[Perception], Rejected> {
        let decoded: String? =
            bytes.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) }
            ?? String(validating: Array(bytes), as: UTF8.self)
        guard let text = decoded else {
            let offset = InputText.firstInvalidOffset(bytes)
            let row = bytes.prefix(offset).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let refusal = InputText.Refusal(field: "the row", reason: .invalidUTF8(offset: offset))
            return .failure(Rejected(rows: [RowError(row: row, reason: refusal.problem + " of the file")]))
        }
        return parse(text, limits: limits, now: now)
    }

    public static func parse(_ text: String, limits: RecordLimits = RecordLimits(), now: Timestamp = .now)
        -> Result<[Perception], Rejected>
    {
        let records: [[String]]
        do {
            records = try CSVReader.records(text)
        } catch {
            return .failure(Rejected(rows: [RowError(row: error.row, reason: error.reason)]))
        }
        guard let header = records.first else {
            return .failure(
                Rejected(rows: [RowError(row: 1, reason: "the file is empty; expected the header \(expectedHeader)")]))
        }
        let names = header.map { $0.trimmingSpaces().lowercased() }
        let allowed = Set(Perception.csvColumns + ["note"])
        var problems: [String] = []
        let missing = Perception.csvColumns.filter { !names.contains($0) }
        if !missing.isEmpty { problems.append("missing column(s) \(missing.joined(separator: ", "))") }
        let unknown = names.filter { !allowed.contains($0) }
        if !unknown.isEmpty { problems.append("unknown column(s) \(unknown.joined(separator: ", "))") }
        if Set(names).count != names.count { problems.append("a column is named twice") }
        guard problems.isEmpty else {
            return .failure(
                Rejected(rows: [
                    RowError(
                        row: 1, reason: problems.joined(separator: "; ") + "; expected the header \(expectedHeader)")
                ]))
        }

        var perceptions: [Perception] = []
        var errors: [RowError] = []
        for (offset, record) in records.enumerated().dropFirst() {
            let row = offset + 1
            if record == [""] { continue }  // a blank line
            guard record.count == names.count else {
                errors.append(RowError(row: row, reason: "has \(record.count) fields, the header has \(names.count)"))
                continue
            }
            var fields: [String: JSONValue] = [:]
            for (name, value) in zip(names, record) where !(name == "note" && value.isEmpty) {
                fields[name] = .string(value.trimmingSpaces())
            }
            switch Perception.validated(fields: fields, limits: limits, now: now) {
            case .success(let perception): perceptions.append(perception)
            case .failure(let rejection): errors.append(RowError(row: row, reason: rejection.message))
            }
        }
        if !errors.isEmpty { return .failure(Rejected(rows: errors)) }
        if perceptions.isEmpty {
            return .failure(Rejected(rows: [RowError(row: 2, reason: "no ratings after the header")]))
        }
        return .success(perceptions)
    }

    static var expectedHeader: String { Perception.csvColumns.joined(separator: ",") }
}

extension String {
    /// Without leading and trailing spaces and tabs (cells typed by hand often have them).
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
