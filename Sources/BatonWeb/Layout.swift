/// The frame of every signed-in page: head, navigation, sign-out form, main content.
public struct Layout: Sendable {
    public enum Section: String, Sendable, CaseIterable {
        case overview, report, summary, handoffs, workflow, interventions
    }

    /// Who is signed in, for the header.
    public var tenant: String
    public var role: String
    /// The session's CSRF token, carried by every form.
    public var csrf: String

    public init(tenant: String, role: String, csrf: String) {
        self.tenant = tenant
        self.role = role
        self.csrf = csrf
    }

    public func page(title: String, section: Section?, _ content: HTML) -> HTML {
        let links: [(Section, String, String)] = [
            (.overview, "/", "Overview"), (.report, "/report", "CISO report"), (.summary, "/summary", "Summary"),
            (.handoffs, "/handoffs", "Handoffs"), (.interventions, "/interventions", "Interventions"),
        ]
        let nav = links.map { s, href, label -> HTML in
            s == section ? "<a href=\"\(href)\" aria-current=\"page\">\(label)</a>" : "<a href=\"\(href)\">\(label)</a>"
        }
        return Self.document(
            title: title,
            """
            <header class="site">
            <a class="brand" href="/">Baton</a>
            <nav aria-label="Main">\(nav)</nav>
            <span class="muted">\(tenant) · \(role)</span>
            <form method="post" action="/signout">\(csrfField)<button class="secondary" type="submit">Sign out</button></form>
            </header>
            <main id="main">
            \(content)
            </main>
            """)
    }

    /// The hidden CSRF field every form carries.
    public var csrfField: HTML { "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">" }

    /// A whole document around `body`.
    public static func document(title: String, _ body: HTML) -> HTML {
        page(
            title: title,
            head: "<link rel=\"stylesheet\" href=\"/assets/baton.css\">\n<link rel=\"icon\" href=\"data:,\">",
            body: body)
    }

    /// A whole self-contained document around `body`: the stylesheet inline, no navigation or
    /// forms, ready to mail or print (`baton report --format html|summary-html`).
    public static func standalone(title: String, _ body: HTML) -> HTML {
        page(title: title, head: "<style>\(HTML(trusted: Stylesheet.css))</style>", body: "<main>\n\(body)\n</main>")
    }

    /// The frame both documents share; `head` is what differs (a linked or an inline stylesheet).
    private static func page(title: String, head: HTML, body: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Baton</title>
        \(head)
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
