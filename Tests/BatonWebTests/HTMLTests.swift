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

    @Test("form bodies decode + and percent escapes, keep bad escapes, last value wins")
    func forms() {
        let form = FormData("token=btn_a%2Bb&note=two+words%21&x=%zz&x=2&empty=&flag")
        #expect(form["token"] == "btn_a+b")
        #expect(form["note"] == "two words!")
        #expect(form["x"] == "2")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(FormData("bad=%zz")["bad"] == "%zz")
        #expect(FormData("u=%E2%86%92")["u"] == "→")
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
