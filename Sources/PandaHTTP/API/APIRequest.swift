import Foundation
import PandaCore
import PandaStore

/// A request routed to an API operation: the path parameters, the signed-in token and the context.
public struct APIRequest: Sendable {
    public let http: HTTPRequest
    public let parameters: [String: String]
    /// The token that authenticated the request (nil on public operations).
    public let token: APIToken?
    public let context: AdminContext

    /// Who acts, for the audit log: `api:TOKEN-NAME`.
    var actor: String { "api:" + (token?.name ?? "anonymous") }

    /// A path parameter (always present: the template matched).
    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// The JSON body decoded as `T`; a clear 400 for a missing or malformed body, a missing field or a
    /// value of the wrong type.
    func body<T: Decodable>(_ type: T.Type) throws -> T {
        guard !http.body.isEmpty else {
            throw APIError.badRequest("the request needs a JSON body", code: "missing_body")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(http.body))
        } catch let error as APIError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.badRequest(
                "missing field \"\(Self.path(context.codingPath + [key]))\"", code: "missing_field")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError.badRequest(
                "field \"\(Self.path(context.codingPath))\" must be \(Self.describe(expected))", code: "invalid_field")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError.badRequest(
                "field \"\(Self.path(context.codingPath))\" must be \(Self.describe(expected)), not null",
                code: "invalid_field")
        } catch {
            throw APIError.badRequest("the body is not valid JSON", code: "invalid_json")
        }
    }

    /// A query argument as a whole number within `range`, or `defaultValue` when absent.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = http.query[name], !text.isEmpty else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest(
                "query argument \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                code: "invalid_query")
        }
        return value
    }

    /// A query argument that is a date (`YYYY-MM-DD`) or a time (`2026-12-04T14:03:11Z`).
    func instant(_ name: String) throws -> Date? {
        guard let text = http.query[name], !text.isEmpty else { return nil }
        if let date = Timestamp.parseISO8601(text) ?? Timestamp.parseISO8601(text + "T00:00:00Z") { return date }
        throw APIError.badRequest(
            "query argument \(name) must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)",
            code: "invalid_query")
    }

    /// A query argument's text, nil when absent or empty.
    func text(_ name: String) -> String? { http.query[name].flatMap { $0.isEmpty ? nil : $0 } }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [String].Type: "an array of strings"
        // What the decoder reports for any array or object it expected.
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "of another type"
        }
    }
}
