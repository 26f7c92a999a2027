import Foundation

/// Splits a SQL script into statements, because PostgreSQL's extended query protocol, which
/// PostgresNIO uses, runs one statement per query.
///
/// Semicolons inside quoted strings (`'…'`, `E'…'`), quoted identifiers (`"…"`), dollar-quoted
/// bodies (`$$…$$`, `$tag$…$tag$`) and comments (`-- …`, nested `/* … */`) do not split.
package enum SQLScript {
    package static func statements(_ script: String) -> [String] {
        let s = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var onlyTrivia = true  // the current statement holds only whitespace and comments so far
        var i = 0

        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !onlyTrivia, !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
            onlyTrivia = true
        }
        func copy(_ range: Range<Int>) { current.append(contentsOf: s[range]) }

        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c == "-", next == "-" {
                let start = i
                while i < s.count, s[i] != "\n" { i += 1 }
                copy(start..<i)
            } else if c == "/", next == "*" {
                let start = i
                var depth = 0
                while i < s.count {
                    if s[i] == "/", i + 1 < s.count, s[i + 1] == "*" {
                        depth += 1
                        i += 2
                    } else if s[i] == "*", i + 1 < s.count, s[i + 1] == "/" {
                        depth -= 1
                        i += 2
                        if depth == 0 { break }
                    } else {
                        i += 1
                    }
                }
                copy(start..<min(i, s.count))
            } else if c == "'" || c == "\"" {
                let start = i
                i += 1
                while i < s.count {
                    if s[i] == c {
                        if i + 1 < s.count, s[i + 1] == c {
                            i += 2  // doubled quote is an escaped quote
                            continue
                        }
                        i += 1
                        break
                    }
                    // E'…' strings escape with a backslash.
                    if s[i] == "\\", c == "'", isEscapeStringPrefix(s, quoteAt: start) {
                        i += 2
                        continue
                    }
                    i += 1
                }
                onlyTrivia = false
                copy(start..<min(i, s.count))
            } else if c == "$", let tagEnd = dollarTagEnd(s, from: i) {
                let tag = Array(s[i...tagEnd])
                let start = i
                i = tagEnd + 1
                while i < s.count {
                    if s[i] == "$", i + tag.count <= s.count, Array(s[i..<(i + tag.count)]) == tag {
                        i += tag.count
                        break
                    }
                    i += 1
                }
                onlyTrivia = false
                copy(start..<min(i, s.count))
            } else if c == ";" {
                flush()
                i += 1
            } else {
                if !c.properties.isWhitespace { onlyTrivia = false }
                current.append(c)
                i += 1
            }
        }
        flush()
        return statements
    }

    /// Whether the quote at `index` opens an `E'…'` string: an `E` standing alone before it, not
    /// the last letter of a longer word such as `LIKE`.
    private static func isEscapeStringPrefix(_ s: [Unicode.Scalar], quoteAt index: Int) -> Bool {
        guard index > 0, s[index - 1] == "E" || s[index - 1] == "e" else { return false }
        guard index > 1 else { return true }
        let before = s[index - 2]
        return !(before.properties.isAlphabetic || ("0"..."9").contains(before) || before == "_" || before == "$")
    }

    /// If a dollar-quote opening tag (`$$` or `$name$`) starts at `i`, the index of its closing `$`.
    private static func dollarTagEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        // A `$` right after an identifier character is part of a name or a parameter such as `$1`.
        if i > 0, s[i - 1].properties.isAlphabetic || ("0"..."9").contains(s[i - 1]) || s[i - 1] == "_" {
            return nil
        }
        var j = i + 1
        while j < s.count {
            let c = s[j]
            if c == "$" { return j }
            let isTagChar =
                c.properties.isAlphabetic || c == "_" || (j > i + 1 && ("0"..."9").contains(c))
            if !isTagChar { return nil }
            j += 1
        }
        return nil
    }
}
