import BatonCore
import Testing

@testable import BatonWeb

@Suite struct HTMLTests {
    @Test("interpolated strings are escaped; HTML fragments are not")
    func escaping() {
        let name = #"<b>"x" & 'y'</b>"#
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(
            html.rendered
                == "<p title=\"&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;\">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</p>"
        )
        let inner: HTML = "<em>\("a<b")</em>"
        #expect(("<p>\(inner)</p>" as HTML).rendered == "<p><em>a&lt;b</em></p>")
        #expect(HTML.escape("bell\u{07}") == "bell\u{FFFD}")
        #expect(("\(3.14159)" as HTML).rendered == "3.14")
        #expect(("\(2.0)" as HTML).rendered == "2")
    }

    @Test("URL components and queries are percent-encoded")
    func urls() {
        #expect(HTML.urlComponent("INC/42 <x>") == "INC%2F42%20%3Cx%3E")
        #expect(HTML.urlComponent("siem→edr") == "siem%E2%86%92edr")
        #expect(HTML.query([("a", "1 2"), ("b", nil), ("c", "")]) == "?a=1%202")
        #expect(HTML.query([]) == "")
    }

    @Test("form bodies decode + and percent escapes, last value wins; bad escapes and hostile text are refused")
    func forms() throws {
        let form = try FormData("token=btn_a%2Bb&note=two+words%21&x=1&x=2&empty=&flag")
        #expect(form["token"] == "btn_a+b")
        #expect(form["note"] == "two words!")
        #expect(form["x"] == "2")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(try FormData("u=%E2%86%92")["u"] == "→")
        #expect(try FormData("note=a%0D%0Ab%09c")["note"] == "a\nb\tc")
        let refused: [(String, String)] = [
            ("bad=%zz", "form field 'bad' has a '%'"),
            ("note=a%00b", "form field 'note' contains a NUL character"),
            ("note=%C0%AF", "form field 'note' is not valid UTF-8"),
            ("note=%ED%A0%80", "form field 'note' is not valid UTF-8"),
            ("note=a%E2%80%AEb", "form field 'note' contains U+202E"),
            ("note=%EF%BB%BFa", "form field 'note' contains U+FEFF"),
            ("note=a%0Db", "form field 'note' contains the control character U+000D"),
            ("n%00=1", "a form field name contains a NUL character"),
            ("note=" + String(repeating: "x", count: FormData.maxValueLength + 1), "is longer than 65536"),
        ]
        for (body, message) in refused {
            #expect(throws: InputText.Refusal.self, "\(body.prefix(30))") { try FormData(body) }
            do {
                _ = try FormData(body)
            } catch {
                #expect(error.description.hasPrefix(message) || error.description.contains(message), "\(error)")
            }
        }
    }

    @Test("chart scales give round ticks inside the range")
    func ticks() {
        let scale = Chart.Scale(low: 0, high: 6.6, x0: 0, x1: 100)
        #expect(scale.ticks(6) == [0, 2, 4, 6] || scale.ticks(6) == [0, 1, 2, 3, 4, 5, 6])
        #expect(scale(3.3) == 50)
        #expect(scale(-1) == 0)
        #expect(Chart.Scale(low: -50, high: 50, x0: 0, x1: 10).ticks(4).contains(0))
    }
}
