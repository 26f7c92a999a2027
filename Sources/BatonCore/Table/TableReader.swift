import Foundation

/// Turns the bytes of a CSV or JSON-lines export, chunk by chunk, into ``TableRow``s, or into
/// rejections for the rows that cannot be read, each with its line.
///
/// The CSV header must hold every column the mapping names; otherwise the whole file is refused
/// with a ``TableMappingError`` naming the first missing column, its field and (when the header
/// is one column holding another separator) the delimiter that was probably meant.
public struct TableReader: Sendable {
    public enum Item: Sendable {
        case row(TableRow)
        case rejected(TableRowRejection)
    }

    public let format: TableMapping.Format
    /// Columns the mapping reads, with the field each gives (for the header check).
    public let columns: [(column: String, field: String)]
    private var csv: DelimitedRecordReader
    private var header: [String: Int]?
    private var headerWidth = 0
    /// JSON lines: the bytes of the line being read.
    private var pending: [UInt8] = []
    private var line = 1
    private var lineTooLong = false
    public var maxLineBytes = 16 << 20

    public init(format: TableMapping.Format, delimiter: UInt8, columns: [(column: String, field: String)]) {
        self.format = format
        self.columns = columns
        self.csv = DelimitedRecordReader(delimiter: delimiter)
    }

    /// The format of a file from its first bytes: JSON lines when the first non-blank byte is `{`.
    public static func guessFormat(_ firstBytes: some Sequence<UInt8>) -> TableMapping.Format {
        var bytes = Array(firstBytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{") ? .jsonl : .csv
    }

    public mutating func feed(_ bytes: [UInt8], emit: (Item) throws -> Void) throws {
        switch format {
        case .csv:
            var reader = csv
            defer { csv = reader }
            var failure: TableMappingError?
            try reader.feed(bytes) { record in
                guard failure == nil else { return }
                failure = try self.accept(record, emit: emit)
            }
            if let failure { throw failure }
        case .jsonl:
            try feedLines(bytes, emit: emit)
        }
    }

    public mutating func finish(emit: (Item) throws -> Void) throws {
        switch format {
        case .csv:
            var reader = csv
            defer { csv = reader }
            var failure: TableMappingError?
            try reader.finish { record in
                guard failure == nil else { return }
                failure = try self.accept(record, emit: emit)
            }
            if let failure { throw failure }
            if header == nil { throw TableMappingError("the file is empty: no header row") }
        case .jsonl:
            if !pending.isEmpty || lineTooLong { try endLine(emit) }
        }
    }

    // MARK: - CSV

    /// Returns a mapping error for a bad header (thrown by the caller), nil otherwise.
    private mutating func accept(_ record: DelimitedRecordReader.Record, emit: (Item) throws -> Void) throws
        -> TableMappingError?
    {
        guard let header else {
            if let problem = record.problem { return TableMappingError("line \(record.line) (the header): \(problem)") }
            var names: [String: Int] = [:]
            for (index, name) in record.fields.enumerated() where names[name] == nil {
                names[name.trimmingCharacters(in: .whitespaces)] = index
            }
            for (column, field) in columns where names[column] == nil {
                var message =
                    "line \(record.line) (the header) has no column '\(column)', which the mapping reads for field '\(field)'"
                if record.fields.count == 1, let guess = Self.otherDelimiter(in: record.fields[0], than: csv.delimiter)
                {
                    message +=
                        "; the header is one column, '\(record.fields[0].prefix(80))': the file seems separated by '\(guess)', not '\(Character(Unicode.Scalar(csv.delimiter)))' (set \"delimiter\" in the mapping)"
                } else {
                    message += "; its columns: \(record.fields.prefix(40).map { "'\($0)'" }.joined(separator: ", "))"
                }
                return TableMappingError(message)
            }
            self.header = names
            self.headerWidth = record.fields.count
            return nil
        }
        if let problem = record.problem {
            try emit(.rejected(TableRowRejection(line: record.line, field: nil, reason: problem)))
        } else if record.fields.count != headerWidth {
            var reason = "\(record.fields.count) fields where the header has \(headerWidth)"
            if record.fields.count == 1, let guess = Self.otherDelimiter(in: record.fields[0], than: csv.delimiter) {
                reason += ": this row seems separated by '\(guess)', not '\(Character(Unicode.Scalar(csv.delimiter)))'"
            }
            try emit(.rejected(TableRowRejection(line: record.line, field: nil, reason: reason)))
        } else {
            try emit(.row(TableRow(line: record.line, header: header, fields: record.fields)))
        }
        return nil
    }

    /// Another usual separator found in text that should have been several fields.
    static func otherDelimiter(in text: String, than delimiter: UInt8) -> String? {
        for candidate in [";", "\t", "|", ","] where candidate.utf8.first != delimiter && text.contains(candidate) {
            return candidate == "\t" ? "\\t" : candidate
        }
        return nil
    }

    // MARK: - JSON lines

    private mutating func feedLines(_ bytes: [UInt8], emit: (Item) throws -> Void) throws {
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                appendPending(bytes[start...])
                return
            }
            appendPending(bytes[start..<newline])
            try endLine(emit)
            start = newline + 1
        }
    }

    private mutating func appendPending(_ bytes: ArraySlice<UInt8>) {
        guard !lineTooLong else { return }
        if pending.count + bytes.count > maxLineBytes {
            lineTooLong = true
            pending.removeAll()
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func endLine(_ emit: (Item) throws -> Void) throws {
        defer {
            pending.removeAll(keepingCapacity: true)
            lineTooLong = false
            line += 1
        }
        if lineTooLong {
            try emit(.rejected(TableRowRejection(line: line, field: nil, reason: "longer than \(maxLineBytes) bytes")))
            return
        }
        guard pending.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { return }
        do {
            let value = try JSONReader.value(of: pending)
            guard case .object(let object) = value else {
                try emit(
                    .rejected(
                        TableRowRejection(line: line, field: nil, reason: "a JSON \(value.typeName), not an object")))
                return
            }
            try emit(.row(TableRow(line: line, object: object)))
        } catch let failure as JSONReader.Failure {
            try emit(
                .rejected(
                    TableRowRejection(
                        line: line, field: nil,
                        reason: "not valid JSON (\(failure.reason) at byte \(failure.offset + 1))")))
        }
    }
}
