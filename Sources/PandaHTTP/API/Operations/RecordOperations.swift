import PandaCore
import PandaStore

/// The records Panda maintains: each user with property values and programs, with provenance. How the rest
/// of the platform reads them.
enum RecordOperations {
    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/accounts/{account}/records", id: "listRecords",
            summary: "Users in UserID order with their property values and programs, a page at a time",
            tag: "records",
            query: [
                QueryParameter("limit", "integer", "users per page (1-1000, default 100)"),
                QueryParameter("after", "string", "the last UserID of the previous page"),
            ],
            response: JSONSchema.object([
                ("records", JSONSchema.array(JSONSchema.ref("Record"))), ("total", JSONSchema.integer),
                ("next", JSONSchema.described(JSONSchema.string, "pass as `after` for the next page; null at the end")),
            ])
        ) { request in
            let store = request.context.store
            let account = request.parameter("account")
            _ = try store.accounts.get(account)
            let limit = try request.integer("limit", default: 100, in: 1...1000)
            let page = try store.records.userPage(account: account, afterUserID: request.text("after"), limit: limit)
            return .object([
                ("records", .array(page.map(APIJSON.record))),
                ("total", .int(try store.records.userCount(account: account))),
                ("next", page.count == limit ? .optional(page.last?.user.record.userID) : .null),
            ])
        },
        APIOperation(
            "GET", "/api/v1/accounts/{account}/records/{user}", id: "getRecord",
            summary: "One user with property values and programs, each with the file, line and day that set it",
            tag: "records", response: JSONSchema.ref("Record")
        ) { request in
            let store = request.context.store
            let account = request.parameter("account")
            _ = try store.accounts.get(account)
            guard let detail = try store.records.user(account: account, userID: request.parameter("user")) else {
                throw APIError.notFound("account \(account) has no user \(request.parameter("user")) in its records")
            }
            return APIJSON.record(detail)
        },
    ]
}
