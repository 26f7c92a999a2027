package import HTTPTypes
package import Hummingbird

/// The router's routes as path templates and methods, read from the router once it is built: which
/// methods a path allows (for 405 and `Allow`), and which parameter a path segment fills (so that
/// a refused segment is named).
package struct RouteTable: Sendable {
    struct Route: Sendable {
        /// One entry per path segment: the literal, or `nil` for a parameter.
        var segments: [Segment]
        var method: HTTPRequest.Method
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let routes: [Route]

    package init(_ descriptions: [Router<BatonRequestContext>.RouteDescription]) {
        routes = descriptions.map { description in
            Route(
                segments: description.path.components.map { component in
                    let text = component.description
                    if text.hasPrefix("{"), text.hasSuffix("}") {
                        return .parameter(String(text.dropFirst().dropLast()))
                    }
                    return .literal(text)
                }, method: description.method)
        }
    }

    /// The segments of a request path, as the router splits them.
    static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private func matching(_ segments: [Substring]) -> [Route] {
        routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, segment in
                    switch template {
                    case .literal(let literal): return literal == segment
                    case .parameter: return !segment.isEmpty
                    }
                }
        }
    }

    /// The methods some route serves at `path`, in a stable order; empty when no route has that path.
    package func allowedMethods(for path: String) -> [HTTPRequest.Method] {
        let methods = Set(matching(Self.segments(path)).map(\.method.rawValue))
        return methods.sorted().compactMap { HTTPRequest.Method($0) }
    }

    /// The name of the parameter that segment `index` of `path` fills, if a route says so.
    package func parameterName(at index: Int, of segments: [Substring]) -> String? {
        for route in matching(segments) {
            if case .parameter(let name) = route.segments[index] { return name }
        }
        return nil
    }
}
