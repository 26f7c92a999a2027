/// A short page for errors the browser shows (not found, forbidden, database unavailable).
public enum MessagePage {
    public static func render(title: String, message: String, layout: Layout?) -> HTML {
        let content: HTML = "<h1>\(title)</h1><p>\(message)</p><p><a href=\"/\">Back to the overview</a></p>"
        guard let layout else { return Layout.document(title: title, "<main>\(content)</main>") }
        return layout.page(title: title, section: nil, content)
    }
}
