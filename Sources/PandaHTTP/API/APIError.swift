import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// An API error: its HTTP status, a stable code for programs and a message saying what to do.
/// Rendered as `{ "error": { "code": …, "message": … } }`.
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var code: String
    public var message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var json: JSONValue {
        .object([("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }

    public var response: HTTPResponse {
        var response = HTTPResponse.json(json, status: status)
        if status == 401 { response.headers.append(("WWW-Authenticate", "Bearer realm=\"panda\"")) }
        return response
    }

    public static let unauthorized = APIError(
        status: 401, code: "unauthorized",
        message: "missing or unknown token: send `Authorization: Bearer TOKEN` with a token from `panda token create`")

    public static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: 400, code: code, message: message)
    }

    public static func notFound(_ message: String) -> APIError {
        APIError(status: 404, code: "not_found", message: message)
    }

    /// The one place where the errors of the services become HTTP statuses.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as StoreError:
            switch error {
            case .notFound: return APIError(status: 404, code: "not_found", message: error.message)
            case .alreadyExists: return APIError(status: 409, code: "conflict", message: error.message)
            case .invalid: return APIError(status: 422, code: "invalid_value", message: error.message)
            case .database, .cannotOpen, .schemaTooNew:
                return APIError(status: 503, code: "store_unavailable", message: "the database is not available")
            }
        case let error as ImportError:
            switch error {
            case .noSuchFile: return APIError(status: 404, code: "not_found", message: error.message)
            case .notHeld: return APIError(status: 409, code: "not_held", message: error.message)
            case .stopping: return APIError(status: 503, code: "stopping", message: error.message)
            case .cannotRead, .failed: return APIError(status: 500, code: "import_failed", message: error.message)
            }
        case let error as KeyError: return APIError(status: 422, code: "key_refused", message: error.message)
        case let error as DomainError: return APIError(status: 422, code: "invalid_value", message: error.message)
        case let error as OperatorError:
            if case .notBanned = error { return APIError(status: 404, code: "not_found", message: error.message) }
            return APIError(status: 422, code: "invalid_value", message: error.message)
        case let error as any UserFacingError:
            return APIError(status: 422, code: "invalid_value", message: error.message)
        default:
            return APIError(status: 500, code: "internal", message: "the server failed; see its log")
        }
    }
}
