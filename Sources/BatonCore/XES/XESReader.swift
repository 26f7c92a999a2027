public import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an XES log (IEEE 1849, or XES 1.0 as OpenXES writes it) trace by trace with a SAX
/// parser, so a trace is handed on and dropped before the next is read.
public enum XESReader {
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Longest attribute value, in characters (the longest record field is 512).
    public static let maxValueLength = 512

    /// Calls `body` for every trace of `data`, in file order; returns the number of traces.
    @discardableResult
    public static func read(_ data: Data, _ body: (XESTrace) throws -> Void) throws -> Int {
        try withoutActuallyEscaping(body) { body in
            let delegate = Delegate(body: body)
            // A stream, not `XMLParser(data:)`: that hands libxml2 the whole document as one chunk,
            // and libxml2 refuses chunks over 10 MB without its "huge" option (the BPI 2013 log is 40 MB).
            let parser = XMLParser(stream: InputStream(data: data))
            parser.shouldProcessNamespaces = true
            parser.delegate = delegate
            let parsed = parser.parse()
            if let error = delegate.error { throw error }
            guard parsed else {
                throw Malformed(
                    description:
                        "not well-formed XML at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")"
                )
            }
            guard delegate.sawLog else { throw Malformed(description: "no <log> element: not an XES file") }
            // The stream parser accepts a document that stops early; a truncated file must not
            // import as a shorter log.
            guard delegate.openElements == 0 else {
                throw Malformed(description: "the file ends inside <\(delegate.innermost ?? "?")>: truncated?")
            }
            return delegate.traces
        }
    }

    /// Collects direct attributes of `<trace>` and `<event>` elements.
    private final class Delegate: NSObject, XMLParserDelegate {
        static let attributeElements: Set<String> = ["string", "date", "int", "float", "boolean", "id"]

        let body: (XESTrace) throws -> Void
        var error: (any Error)?
        var sawLog = false
        var traces = 0
        /// Elements started and not yet ended, and the innermost one's name.
        var openElements = 0
        var innermost: String?
        private var trace: XESTrace?
        private var event: [String: String]?
        /// Depth inside attribute elements: only depth 0 attributes belong to the trace or event.
        private var attributeDepth = 0

        init(body: @escaping (XESTrace) throws -> Void) {
            self.body = body
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            openElements += 1
            innermost = name
            switch name {
            case "log": sawLog = true
            case "trace" where trace == nil: trace = XESTrace()
            case "event" where trace != nil && event == nil: event = [:]
            case _ where Self.attributeElements.contains(name) || name == "list" || name == "container":
                defer { attributeDepth += 1 }
                guard attributeDepth == 0, let rawKey = attributes["key"] else { return }
                let key: String
                let value: String
                // Every attribute passes the collector's text rule: XML already refuses NUL,
                // invalid UTF-8 and most control characters; character references can still
                // carry a bidirectional-text control, a byte-order mark or a megabyte.
                do throws(InputText.Refusal) {
                    key = try InputText.check(rawKey, field: "an attribute key", maxLength: JSONValue.maxKeyLength)
                    value = try InputText.check(
                        attributes["value"] ?? "", field: "attribute '\(rawKey.prefix(64))'",
                        maxLength: XESReader.maxValueLength)
                } catch {
                    self.error = Malformed(description: "line \(parser.lineNumber): \(error.description)")
                    parser.abortParsing()
                    return
                }
                if event != nil {
                    event?[key] = value
                } else if trace != nil {
                    trace?.attributes[key] = value
                }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            openElements -= 1
            switch name {
            case "event":
                if let event { trace?.events.append(event) }
                event = nil
            case "trace":
                guard let finished = trace else { return }
                trace = nil
                traces += 1
                do {
                    try body(finished)
                } catch {
                    self.error = error
                    parser.abortParsing()
                }
            case _ where Self.attributeElements.contains(name) || name == "list" || name == "container":
                attributeDepth -= 1
            default: break
            }
        }
    }
}
