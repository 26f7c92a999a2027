import Foundation
import Testing

@testable import BatonCore

@Suite("XESReader")
struct XESReaderTests {
    static let log = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <!-- OpenXES style, with nested and log-level attributes -->
        <log xes.version="1.0" xmlns="http://www.xes-standard.org/">
          <string key="concept:name" value="the log"/>
          <float key="meta" value="1.0"><float key="nested" value="2.0"/></float>
          <trace>
            <string key="concept:name" value="case &amp; 1"/>
            <event>
              <string key="concept:name" value="Accepted"/>
              <date key="time:timestamp" value="2010-03-31T16:59:42+02:00"/>
              <string key="org:group" value="V30"><string key="org:group" value="nested, ignored"/></string>
            </event>
            <event><string key="concept:name" value="Completed"/></event>
          </trace>
          <trace><string key="concept:name" value="case 2"/></trace>
        </log>
        """

    @Test("traces in order with their own and their events' direct attributes; nested and log attributes left out")
    func reads() throws {
        var traces: [XESTrace] = []
        let count = try XESReader.read(Data(Self.log.utf8)) { traces.append($0) }
        #expect(count == 2)
        #expect(traces.map(\.name) == ["case & 1", "case 2"])
        #expect(traces[0].attributes == ["concept:name": "case & 1"])
        #expect(traces[0].events.count == 2)
        #expect(
            traces[0].events[0]
                == ["concept:name": "Accepted", "time:timestamp": "2010-03-31T16:59:42+02:00", "org:group": "V30"])
        #expect(traces[1].events.isEmpty)
    }

    @Test("broken XML and a file that is not XES are errors")
    func errors() {
        #expect(throws: XESReader.Malformed.self) { try XESReader.read(Data("<log><trace>".utf8)) { _ in } }
        #expect(throws: XESReader.Malformed.self) { try XESReader.read(Data("<html></html>".utf8)) { _ in } }
    }

    @Test("what XESWriter writes, XESReader reads back")
    func roundTrip() throws {
        var writer = XESWriter()
        let text = writer.header() + writer.events([EventLogFixtures.cases[0]]) + writer.footer()
        var traces: [XESTrace] = []
        try XESReader.read(Data(text.utf8)) { traces.append($0) }
        #expect(traces.count == 1)
        #expect(traces[0].events.count == 5)
        #expect(traces[0].events[4]["org:resource"] == "=cmd|' /C calc'!A0 <b>&\"x\"")
        #expect(traces[0].events[2]["context_from"] == "t1")
    }
}

@Suite("XESReader: hostile attributes")
struct XESReaderHostileTests {
    static func log(_ value: [UInt8], key: [UInt8] = Array("org:group".utf8)) -> Data {
        Data(
            Array(
                #"<?xml version="1.0" encoding="UTF-8"?><log xmlns="http://www.xes-standard.org/"><trace><string key="concept:name" value="case 1"/><event><string key=""#
                    .utf8)
                + key + Array(#"" value=""#.utf8) + value + Array(#""/></event></trace></log>"#.utf8))
    }

    @Test(
        "NUL, invalid UTF-8, control characters, a BOM, a right-to-left override or an overlong value in an attribute refuse the file, naming the attribute"
    )
    func hostileAttributes() {
        let values: [(String, [UInt8])] = [
            ("NUL", Array("a".utf8) + [0x00]),
            ("NUL reference", Array("a&#0;".utf8)),
            ("lone surrogate", Array("a".utf8) + [0xED, 0xA0, 0x80]),
            ("overlong", Array("a".utf8) + [0xC0, 0xAF]),
            ("escape reference (XML 1.0 refuses it)", Array("a&#27;".utf8)),
            ("BOM reference", Array("&#xFEFF;V30".utf8)),
            ("right-to-left override reference", Array("V&#x202E;30".utf8)),
            ("line feed reference", Array("V&#10;30".utf8)),
            ("C1 control reference", Array("V&#x85;30".utf8)),
            ("overlong value", Array(repeating: UInt8(ascii: "x"), count: XESReader.maxValueLength + 1)),
        ]
        for (name, value) in values {
            #expect(throws: (any Error).self, "\(name)") {
                try XESReader.read(Self.log(value)) { _ in }
            }
        }
        // The reader's own check names the line and the attribute.
        do {
            try XESReader.read(Self.log(Array("V&#x202E;30".utf8))) { _ in }
        } catch {
            #expect("\(error)".contains("attribute 'org:group' contains U+202E"), "\(error)")
        }
        do {
            try XESReader.read(Self.log(Array("V30".utf8), key: Array("org&#x202E;group".utf8))) { _ in }
            Issue.record("a key with U+202E was accepted")
        } catch {
            #expect("\(error)".contains("an attribute key contains U+202E"), "\(error)")
        }
        #expect((try? XESReader.read(Self.log(Array("V30 &amp; Ümlaut".utf8))) { _ in }) == 1)
    }
}
