import PandaCore
import PandaExchange

/// An account's holidays and pause windows: the days without a cycle besides its weekdays (as `panda holiday …`
/// and `panda pause …`).
enum CalendarOperations {
    struct HolidaysBody: Decodable {
        var dates: [String]
    }

    struct PauseBody: Decodable {
        var from: String
        var to: String
    }

    static let holidayList = JSONSchema.array(JSONSchema.date)

    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/accounts/{account}/holidays", id: "listHolidays",
            summary: "The account's holidays, in date order (its local days)", tag: "calendar", response: holidayList
        ) { request in
            try holidays(request)
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/holidays", id: "addHolidays",
            summary: "Add holidays: no cycle on those days (as `panda holiday add`); days already there are kept",
            tag: "calendar",
            requestBody: JSONSchema.object(
                [
                    (
                        "dates",
                        JSONSchema.array(JSONSchema.described(JSONSchema.date, "YYYY-MM-DD, the account's local day"))
                    )
                ],
                required: ["dates"]),
            response: JSONSchema.object([("added", JSONSchema.integer), ("holidays", holidayList)]),
            errors: [404, 422]
        ) { request in
            let body = try request.body(HolidaysBody.self)
            let added = try request.context.actions(actor: request.actor).addHolidays(
                body.dates, account: request.parameter("account"))
            return .object([("added", .int(added)), ("holidays", try holidays(request))])
        },
        APIOperation(
            "DELETE", "/api/v1/accounts/{account}/holidays/{date}", id: "removeHoliday",
            summary: "Remove a holiday (YYYY-MM-DD): the day has a cycle again if it is an exchange day (as"
                + " `panda holiday remove`)",
            tag: "calendar",
            response: JSONSchema.object([("removed", JSONSchema.date), ("holidays", holidayList)]),
            errors: [404, 422]
        ) { request in
            let account = request.parameter("account")
            let current = try request.context.store.calendar.holidays(of: account)
            let day = try LocalDate(parsing: request.parameter("date"))
            guard current.contains(day) else {
                throw APIError.notFound(
                    "\(day) is not a holiday of \(account); see GET /api/v1/accounts/\(account)/holidays")
            }
            _ = try request.context.actions(actor: request.actor).removeHolidays([day.description], account: account)
            return .object([("removed", .string(day.description)), ("holidays", try holidays(request))])
        },
        APIOperation(
            "GET", "/api/v1/accounts/{account}/pauses", id: "listPauses",
            summary: "The account's pause windows, in date order", tag: "calendar",
            response: JSONSchema.array(JSONSchema.ref("Pause"))
        ) { request in
            .array(try request.context.store.calendar.pauses(of: request.parameter("account")).map(OperatorJSON.pause))
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/pauses", id: "addPause",
            summary: "Pause the exchange from one day to another, both included (as `panda pause add`); a window"
                + " overlapping another is refused",
            tag: "calendar",
            requestBody: JSONSchema.object(
                [
                    ("from", JSONSchema.described(JSONSchema.date, "first day without a cycle")),
                    ("to", JSONSchema.described(JSONSchema.date, "last day without a cycle, on or after from")),
                ], required: ["from", "to"]),
            successStatus: 201, response: JSONSchema.ref("Pause"), errors: [404, 409, 422]
        ) { request in
            let body = try request.body(PauseBody.self)
            return OperatorJSON.pause(
                try request.context.actions(actor: request.actor).addPause(
                    from: body.from, to: body.to, account: request.parameter("account")))
        },
        APIOperation(
            "DELETE", "/api/v1/accounts/{account}/pauses/{from}", id: "removePause",
            summary: "Remove the pause window starting on a day (YYYY-MM-DD), as `panda pause remove`; returns it",
            tag: "calendar", response: JSONSchema.ref("Pause"), errors: [404, 422]
        ) { request in
            OperatorJSON.pause(
                try request.context.actions(actor: request.actor).removePause(
                    startingOn: request.parameter("from"), account: request.parameter("account")))
        },
    ]

    private static func holidays(_ request: APIRequest) throws -> JSONValue {
        .array(
            try request.context.store.calendar.holidays(of: request.parameter("account")).map {
                .string($0.description)
            })
    }
}
