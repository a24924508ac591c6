import PandaCore
import PandaExchange

/// The expected roster: list, add, remove, replace (as `panda roster add|remove|import|list`).
enum RosterOperations {
    struct StudentsBody: Decodable {
        var students: [String]
    }

    struct ReplaceBody: Decodable {
        var students: [String]
        /// Required to replace the roster with an empty one.
        var allowEmpty: Bool?
    }

    static let studentsSchema = JSONSchema.object(
        [("students", JSONSchema.array(JSONSchema.described(JSONSchema.string, "UserID")))], required: ["students"])
    static let changeSchema = JSONSchema.object([
        ("added", JSONSchema.integer), ("removed", JSONSchema.integer), ("total", JSONSchema.integer),
    ])

    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/accounts/{account}/roster", id: "listRoster",
            summary: "The account's expected students, in UserID order", tag: "roster",
            response: JSONSchema.object([
                ("students", JSONSchema.array(JSONSchema.string)), ("total", JSONSchema.integer),
            ])
        ) { request in
            let ids = try request.context.store.roster.list(request.parameter("account"))
            return .object([("students", .array(ids.map(JSONValue.string))), ("total", .int(ids.count))])
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/roster", id: "addToRoster", summary: "Add students to the roster",
            tag: "roster", requestBody: studentsSchema, response: changeSchema, errors: [404, 422]
        ) { request in
            let body = try request.body(StudentsBody.self)
            return json(
                try request.context.actions(actor: request.actor).addToRoster(
                    body.students, account: request.parameter("account")))
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/roster/remove", id: "removeFromRoster",
            summary: "Remove students from the roster", tag: "roster", requestBody: studentsSchema,
            response: changeSchema, errors: [404]
        ) { request in
            let body = try request.body(StudentsBody.self)
            return json(
                try request.context.actions(actor: request.actor).removeFromRoster(
                    body.students, account: request.parameter("account")))
        },
        APIOperation(
            "PUT", "/api/v1/accounts/{account}/roster", id: "replaceRoster",
            summary: "Replace the roster with exactly these students (an empty list needs allowEmpty)", tag: "roster",
            requestBody: JSONSchema.object(
                [("students", JSONSchema.array(JSONSchema.string)), ("allowEmpty", JSONSchema.boolean)],
                required: ["students"]),
            response: changeSchema, errors: [404, 422]
        ) { request in
            let body = try request.body(ReplaceBody.self)
            return json(
                try request.context.actions(actor: request.actor).replaceRoster(
                    with: body.students, account: request.parameter("account"), allowEmpty: body.allowEmpty ?? false))
        },
    ]

    static func json(_ change: RosterChange) -> JSONValue {
        .object([("added", .int(change.added)), ("removed", .int(change.removed)), ("total", .int(change.total))])
    }
}
