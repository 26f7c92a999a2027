import Foundation

/// Parses the instants of one ``TimestampFormat``; built once per mapped field, used per row.
///
/// Pattern letters: `yyyy` year, `MM` month, `dd` day, `HH` hour (00–23), `mm` minute, `ss`
/// second, `SSS` a fraction of 1–9 digits (beyond microseconds truncated), `Z` or `XXX` an offset
/// (`Z`, `+01:00`, `+0100`, `+01`); text in single quotes and any other character are literal.
/// Without an offset in the text, the pattern's zone says which local time it is; a local time
/// that a daylight-saving change skips is refused, and one it repeats is the earlier instant.
public struct TimestampParser: Sendable {
    public let format: TimestampFormat
    private let tokens: [Token]
    private let zone: TimeZone?

    enum Token: Sendable, Equatable {
        case year, month, day, hour, minute, second, fraction, offset
        case literal(UInt8)
    }

    public struct Invalid: Error, Sendable, Hashable {
        public var reason: String
    }

    public init(_ format: TimestampFormat) throws(Invalid) {
        self.format = format
        guard case .pattern(let pattern, let zoneName) = format else {
            self.tokens = []
            self.zone = nil
            return
        }
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var i = 0
        func run(of byte: UInt8) -> Int {
            var n = 0
            while i + n < bytes.count, bytes[i + n] == byte { n += 1 }
            return n
        }
        while i < bytes.count {
            let b = bytes[i]
            let n = run(of: b)
            switch (b, n) {
            case (UInt8(ascii: "y"), 4): tokens.append(.year)
            case (UInt8(ascii: "M"), 2): tokens.append(.month)
            case (UInt8(ascii: "d"), 2): tokens.append(.day)
            case (UInt8(ascii: "H"), 2): tokens.append(.hour)
            case (UInt8(ascii: "m"), 2): tokens.append(.minute)
            case (UInt8(ascii: "s"), 2): tokens.append(.second)
            case (UInt8(ascii: "S"), 1...9): tokens.append(.fraction)
            case (UInt8(ascii: "Z"), 1), (UInt8(ascii: "X"), 1...3): tokens.append(.offset)
            case (UInt8(ascii: "'"), _):
                // Quoted literal text, up to the next quote.
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "'") {
                    tokens.append(.literal(bytes[j]))
                    j += 1
                }
                guard j < bytes.count else { throw Invalid(reason: "pattern '\(pattern)': a quote is not closed") }
                i = j + 1
                continue
            case _ where (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A):
                throw Invalid(
                    reason:
                        "pattern '\(pattern)': '\(String(repeating: Character(Unicode.Scalar(b)), count: n))' is not a pattern letter (yyyy MM dd HH mm ss SSS Z XXX; quote literal text)"
                )
            default:
                for _ in 0..<n { tokens.append(.literal(b)) }
            }
            i += n
        }
        for required in [Token.year, .month, .day, .hour, .minute] where !tokens.contains(required) {
            throw Invalid(reason: "pattern '\(pattern)' needs yyyy, MM, dd, HH and mm")
        }
        if !tokens.contains(.offset) {
            guard let zoneName else {
                throw Invalid(reason: "pattern '\(pattern)' has no offset (Z): declare the zone its local times are in")
            }
            guard let zone = TimeZone(identifier: zoneName) else {
                throw Invalid(reason: "zone '\(zoneName)' is not an IANA time zone name (such as Europe/Brussels)")
            }
            self.zone = zone
        } else {
            self.zone = nil
        }
        self.tokens = tokens
    }

    /// The instant of a text cell, or why it is not one.
    public func parse(_ text: String) throws(Invalid) -> Timestamp {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch format {
        case .rfc3339:
            guard let value = Timestamp(rfc3339: trimmed) else { throw notOne(text) }
            return value
        case .epochMilliseconds, .epochSeconds:
            guard let number = Double(trimmed), trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else {
                throw notOne(text)
            }
            return try epoch(number, original: text)
        case .pattern:
            return try parsePattern(Array(trimmed.utf8), original: text)
        }
    }

    /// The instant of a JSON number (epoch formats only).
    public func parse(number: Double) throws(Invalid) -> Timestamp {
        switch format {
        case .epochMilliseconds, .epochSeconds: return try epoch(number, original: Self.plain(number))
        default: throw notOne(Self.plain(number))
        }
    }

    static func plain(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 9e15 ? String(Int64(number)) : "\(number)"
    }

    private func notOne(_ text: String) -> Invalid {
        Invalid(reason: "'\(text.prefix(64))' is not \(format.expectation)")
    }

    private func epoch(_ number: Double, original: String) throws(Invalid) -> Timestamp {
        let scale: Double = format == .epochSeconds ? 1_000_000 : 1_000
        let micros = number * scale
        // Years 1 to 9999, as RFC 3339 and PostgreSQL's timestamptz can hold them.
        guard micros.isFinite, micros > -62_135_596_800e6, micros < 253_402_300_800e6 else {
            throw Invalid(reason: "'\(original.prefix(64))' is out of range for \(format.expectation)")
        }
        return Timestamp(microseconds: Int64(micros.rounded(.down)))
    }

    private func parsePattern(_ b: [UInt8], original: String) throws(Invalid) -> Timestamp {
        var i = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var micros: Int64 = 0
        var offset: Int?
        func digits(_ count: Int) -> Int? { Timestamp.decimal(b, at: &i, count: count) }
        for token in tokens {
            switch token {
            case .year: guard let v = digits(4) else { throw notOne(original) }; year = v
            case .month: guard let v = digits(2) else { throw notOne(original) }; month = v
            case .day: guard let v = digits(2) else { throw notOne(original) }; day = v
            case .hour: guard let v = digits(2) else { throw notOne(original) }; hour = v
            case .minute: guard let v = digits(2) else { throw notOne(original) }; minute = v
            case .second: guard let v = digits(2) else { throw notOne(original) }; second = v
            case .fraction:
                var scale: Int64 = 100_000
                var count = 0
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    micros += Int64(b[i] - 0x30) * scale
                    scale /= 10
                    count += 1
                    i += 1
                }
                guard count > 0 else { throw notOne(original) }
            case .offset:
                guard i < b.count else { throw notOne(original) }
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    offset = 0
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let h = digits(2), h <= 23 else { throw notOne(original) }
                    var m = 0
                    if i < b.count, b[i] == UInt8(ascii: ":") { i += 1 }
                    if i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                        guard let mm = digits(2), mm <= 59 else { throw notOne(original) }
                        m = mm
                    }
                    offset = sign * (h * 3600 + m * 60)
                } else {
                    throw notOne(original)
                }
            case .literal(let c):
                guard i < b.count, b[i] == c else { throw notOne(original) }
                i += 1
            }
        }
        guard i == b.count, year >= 1, (1...12).contains(month), day >= 1,
            day <= Timestamp.daysInMonth(year: year, month: month), (0...23).contains(hour),
            (0...59).contains(minute), (0...59).contains(second)
        else { throw notOne(original) }
        let localSeconds =
            Int64(Timestamp.daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        if let offset {
            return Timestamp(microseconds: (localSeconds - Int64(offset)) * 1_000_000 + micros)
        }
        guard let zone else { throw notOne(original) }
        // The earlier of the instants whose local time in the zone is this one, if any.
        let candidates = Set(
            [localSeconds - 86_400 / 2, localSeconds, localSeconds + 86_400 / 2].map { probe in
                zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe)))
            })
        let instants = candidates.map { localSeconds - Int64($0) }.filter { instant in
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))) == localSeconds
                - instant
        }
        guard let instant = instants.min() else {
            throw Invalid(
                reason:
                    "'\(original.prefix(64))' does not exist in \(zone.identifier) (the clocks skipped it for daylight saving)"
            )
        }
        return Timestamp(microseconds: instant * 1_000_000 + micros)
    }
}
