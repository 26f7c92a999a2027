import BatonWeb
import HTTPTypes
import Hummingbird
import NIOCore

/// HTML responses with the headers every page carries: a Content-Security-Policy that allows no
/// inline script or style and nothing from other origins, no framing, no sniffing, no caching.
enum WebPage {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func response(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html.rendered)))
    }

    static func redirect(to location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        headers.append(contentsOf: extra)
        return Response(status: .seeOther, headers: headers)
    }

    /// What a page adds to the headers every response gets (`SecurityHeadersMiddleware`): the
    /// pages' own CSP, which allows their stylesheet, and no caching.
    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        headers[.cacheControl] = "no-store"
        return headers
    }

    /// A local path to return to after signing in: must start with one `/`, nothing that could
    /// make it another origin.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x20 }), next.utf8.count <= 2_000
        else { return "/" }
        return next
    }
}
