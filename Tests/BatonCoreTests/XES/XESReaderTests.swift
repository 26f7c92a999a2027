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
