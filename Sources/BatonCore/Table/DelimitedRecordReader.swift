/// Reads CSV (RFC 4180, with a configurable delimiter) incrementally: bytes go in chunk by chunk,
/// records come out with the line they start on, so a file of any size is read in the memory of
/// one record.
///
/// Lenient where a record can still be read, strict where the file is broken: text after a
/// closing quote, a field over `maxFieldBytes`, or bytes that are not UTF-8 mark the record with
/// a problem (the caller rejects it and goes on); a quote still open at the end of the file marks
/// the last record so. A UTF-8 byte order mark at the start is skipped; CRLF and LF both end a
/// record; blank lines are no record.
public struct DelimitedRecordReader: Sendable {
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
        /// Why the record cannot be trusted, if it cannot.
        public var problem: String?
    }

    enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    public let delimiter: UInt8
    public var maxFieldBytes: Int
    public var maxFields: Int
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var line = 1
    private var recordLine = 1
    private var recordStarted = false
    private var problem: String?
    /// The first bytes, held until there are three, to skip a byte order mark split across chunks.
    private var head: [UInt8]? = []

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = 1 << 20, maxFields: Int = 4_096) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
    }

    /// Reads `bytes`, calling `emit` for every record they complete.
    public mutating func feed(_ bytes: [UInt8], emit: (Record) throws -> Void) rethrows {
        if var first = head {
            first += bytes
            guard first.count >= 3 else {
                head = first
                return
            }
            head = nil
            try read(first.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(first.dropFirst(3)) : first, emit: emit)
        } else {
            try read(bytes, emit: emit)
        }
    }

    private mutating func read(_ bytes: [UInt8], emit: (Record) throws -> Void) rethrows {
        let start = 0
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        for index in start..<bytes.count {
            let b = bytes[index]
            if !recordStarted {
                recordStarted = true
                recordLine = line
            }
            switch state {
            case .fieldStart, .unquoted:
                if b == delimiter {
                    endField()
                } else if b == newline {
                    if state == .unquoted, field.last == cr { field.removeLast() }
                    endField()
                    try endRecord(emit)
                    line += 1
                } else if b == quote, state == .fieldStart {
                    state = .quoted
                } else if b == cr, state == .fieldStart {
                    state = .unquoted
                    append(b)
                } else {
                    state = .unquoted
                    append(b)
                }
            case .quoted:
                if b == quote {
                    state = .quoteInQuoted
                } else {
                    if b == newline { line += 1 }
                    append(b)
                }
            case .quoteInQuoted:
                if b == quote {
                    append(quote)
                    state = .quoted
                } else if b == delimiter {
                    endField()
                } else if b == newline {
                    endField()
                    try endRecord(emit)
                    line += 1
                } else if b == cr {
                    continue
                } else {
                    if problem == nil { problem = "text after a closing quote" }
                    state = .unquoted
                    append(b)
                }
            }
        }
    }

    /// Ends the input: the last record, if the file does not end with a line break.
    public mutating func finish(emit: (Record) throws -> Void) rethrows {
        if let first = head {
            head = nil
            try read(first, emit: emit)
        }
        if state == .quoted {
            problem = "a quoted field opened on line \(recordLine) is not closed at the end of the file"
        }
        guard recordStarted else { return }
        if state == .unquoted, field.last == UInt8(ascii: "\r") { field.removeLast() }
        endField()
        try endRecord(emit)
    }

    private mutating func append(_ byte: UInt8) {
        if field.count < maxFieldBytes {
            field.append(byte)
        } else if problem == nil {
            problem = "a field is longer than \(maxFieldBytes) bytes"
        }
    }

    private mutating func endField() {
        if fields.count < maxFields {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                fields.append(String(decoding: field, as: UTF8.self))
                if problem == nil { problem = "field \(fields.count) is not valid UTF-8" }
            }
        } else if problem == nil {
            problem = "more than \(maxFields) fields"
        }
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func endRecord(_ emit: (Record) throws -> Void) rethrows {
        defer {
            fields.removeAll(keepingCapacity: true)
            problem = nil
            recordStarted = false
            state = .fieldStart
        }
        // A blank line is no record.
        if fields.count == 1, fields[0].isEmpty, problem == nil { return }
        try emit(Record(line: recordLine, fields: fields, problem: problem))
    }
}
