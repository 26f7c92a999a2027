/// `/signin`: a token in, a session cookie out.
public enum SignInPage {
    public static func render(error: String?, csrf: String, next: String) -> HTML {
        Layout.document(
            title: "Sign in",
            """
            <main class="signin">
            <h1>Sign in to Baton</h1>
            <p class="muted">Use an API token (create one with <code>baton token create --tenant T --role viewer</code>; analysts can tag handoffs).</p>
            \(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? "")
            <form method="post" action="/signin">
            <input type="hidden" name="csrf" value="\(csrf)">
            <input type="hidden" name="next" value="\(next)">
            <label for="token">API token</label>
            <input id="token" name="token" type="password" autocomplete="off" required autofocus>
            <button type="submit">Sign in</button>
            </form>
            </main>
            """)
    }
}
