import PandaCore

/// One API operation: its route, what the OpenAPI document says about it, and its handler.
public struct APIOperation: Sendable {
    public let method: String
    public let path: String
    /// OpenAPI `operationId`, e.g. `listKeys`.
    public let id: String
    public let summary: String
    /// OpenAPI tag grouping operations (`accounts`, `keys`, …).
    public let tag: String
    public let query: [QueryParameter]
    /// JSON schema of the request body, when the operation takes one.
    public let requestBody: JSONValue?
    /// Status of a successful answer (200, or 201 when something is created).
    public let successStatus: Int
    /// JSON schema of a successful answer.
    public let response: JSONValue
    /// Statuses of errors the operation may answer besides 400/401/500 (404, 409, 422).
    public let errors: [Int]
    /// Public operations (the OpenAPI document itself) need no token.
    public let requiresToken: Bool
    public let handler: @Sendable (APIRequest) throws -> JSONValue

    public init(
        _ method: String, _ path: String, id: String, summary: String, tag: String, query: [QueryParameter] = [],
        requestBody: JSONValue? = nil, successStatus: Int = 200, response: JSONValue, errors: [Int] = [404],
        requiresToken: Bool = true, handler: @escaping @Sendable (APIRequest) throws -> JSONValue
    ) {
        self.method = method
        self.path = path
        self.id = id
        self.summary = summary
        self.tag = tag
        self.query = query
        self.requestBody = requestBody
        self.successStatus = successStatus
        self.response = response
        self.errors = errors
        self.requiresToken = requiresToken
        self.handler = handler
    }
}

/// A query argument an operation understands.
public struct QueryParameter: Sendable {
    public let name: String
    public let description: String
    /// JSON schema type: `string` or `integer`.
    public let type: String

    public init(_ name: String, _ type: String = "string", _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}
