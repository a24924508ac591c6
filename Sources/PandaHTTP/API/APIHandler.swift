import PandaCore
import PandaStore

/// Answers `/api/v1/…`: finds the operation, checks the token, runs the handler, and turns any error into
/// the JSON error shape with its status. A refused request changes nothing.
struct APIHandler: Sendable {
    let context: AdminContext
    let authenticator: TokenAuthenticator

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch APIRoutes.router.match(method: request.method, path: request.path) {
        case .notFound:
            return APIError.notFound("no API route \(request.path); see /api/v1/openapi.json").response
        case .methodNotAllowed(let allowed):
            var response = APIError(
                status: 405, code: "method_not_allowed",
                message: "\(request.method) is not allowed on \(request.path); use \(allowed.joined(separator: ", "))"
            ).response
            response.headers.append(("Allow", allowed.joined(separator: ", ")))
            return response
        case .found(let operation, let parameters):
            var token: APIToken?
            if operation.requiresToken {
                guard let found = authenticator.authenticate(request.bearerToken) else {
                    return APIError.unauthorized.response
                }
                token = found
            }
            do {
                let value = try operation.handler(
                    APIRequest(http: request, parameters: parameters, token: token, context: context))
                return .json(value, status: operation.successStatus)
            } catch {
                let apiError = APIError.from(error)
                if apiError.status >= 500 {
                    context.logger.error(
                        "api.failed",
                        ["operation": operation.id, "status": String(apiError.status), "error": "\(error)"])
                }
                return apiError.response
            }
        }
    }
}
