/// Reads RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields optionally in
/// double quotes (which may then hold commas, line breaks and doubled quotes). A UTF-8 byte order
/// mark at the start, as spreadsheets write it, is skipped.
///
/// Strict where leniency would hide a broken file: an unterminated quote or text after a closing
/// quote is an error naming the record.
public enum CSVReader {
    public struct Malformed: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based record (row) where reading failed; the header is row 1.
        public var row: Int
        public var reason: String
        public var description: String { "row \(row): \(reason)" }
    }

    /// All records of `text`; a final line break does not start an empty record.
    public static func records(_ text: String) throws(Malformed) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        func advance() -> Unicode.Scalar? {
            let current = pending
            pending = iterator.next()
            return current
        }
        var atFieldStart = true
        var sawAnything = false
        while let c = advance() {
            sawAnything = true
            if atFieldStart && c == "\"" {
                // Quoted field: until a quote that is not doubled.
                while true {
                    guard let q = advance() else {
                        throw Malformed(row: records.count + 1, reason: "a quoted field is not closed")
                    }
                    if q == "\"" {
                        if pending == "\"" {
                            _ = advance()
                            field.unicodeScalars.append("\"")
                        } else {
                            break
                        }
                    } else {
                        field.unicodeScalars.append(q)
                    }
                }
                atFieldStart = false
                if let next = pending, next != ",", next != "\r", next != "\n" {
                    throw Malformed(row: records.count + 1, reason: "text after a closing quote")
                }
                continue
            }
            switch c {
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
            case "\r", "\n":
                if c == "\r", pending == "\n" { _ = advance() }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atFieldStart = true
                sawAnything = false
            default:
                field.unicodeScalars.append(c)
                atFieldStart = false
            }
        }
        if sawAnything {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
