/// A table of routes of one kind (API operations, dashboard pages): finds the route for a method and path.
///
/// Literal segments win over parameters when two templates could match (`/files/held` before
/// `/files/{file}`), whatever the order of the table.
public struct Router<Route: Sendable>: Sendable {
    /// One entry: a method, a path template and what the caller attaches (a handler and its description).
    public struct Entry: Sendable {
        public let method: String
        public let template: PathTemplate
        public let route: Route
    }

    /// What a lookup found.
    public enum Match {
        case found(Route, parameters: [String: String])
        /// The path exists, with other methods (for 405 and its `Allow` header).
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    public let entries: [Entry]

    public init(_ entries: [(method: String, template: String, route: Route)]) {
        self.entries = entries.map { Entry(method: $0.method, template: PathTemplate($0.template), route: $0.route) }
    }

    /// The route for `method` and `path`; HEAD is answered by GET routes.
    public func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let candidates = entries.compactMap { entry in entry.template.match(parts: parts).map { (entry, $0) } }
        guard !candidates.isEmpty else { return .notFound }
        let wanted = method == "HEAD" ? "GET" : method
        let best = candidates.filter { $0.0.method == wanted }.max {
            Self.literalCount($0.0.template) < Self.literalCount($1.0.template)
        }
        guard let (entry, parameters) = best else {
            return .methodNotAllowed(allowed: Array(Set(candidates.map(\.0.method))).sorted())
        }
        return .found(entry.route, parameters: parameters)
    }

    private static func literalCount(_ template: PathTemplate) -> Int {
        template.segments.filter { if case .literal = $0 { true } else { false } }.count
    }
}
