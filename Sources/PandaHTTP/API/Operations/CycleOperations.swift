import PandaCore
import PandaExchange

/// Today's cycle and recent ones, and coverage, through the `CycleOverview` seam; publishing by hand.
enum CycleOperations {
    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/accounts/{account}/cycles", id: "listCycles",
            summary: "Today's cycle and those of the previous days (state, publish time, deadline, files)",
            tag: "cycles",
            query: [QueryParameter("days", "integer", "how many days, today included (1-60, default 7)")],
            response: JSONSchema.object([
                ("today", JSONSchema.ref("Cycle")), ("recent", JSONSchema.array(JSONSchema.ref("Cycle"))),
            ])
        ) { request in
            let context = request.context
            let account = try context.store.accounts.get(request.parameter("account"))
            let days = try request.integer("days", default: 7, in: 1...60)
            let cycles = try context.cycles.recent(account: account, days: days, now: context.store.clock.now())
            return .object([
                ("today", cycles.first.map(APIJSON.cycle) ?? .null), ("recent", .array(cycles.map(APIJSON.cycle))),
            ])
        },
        APIOperation(
            "GET", "/api/v1/accounts/{account}/coverage", id: "getCoverage",
            summary: "Which expected students received data of each file type in a cycle", tag: "cycles",
            query: [QueryParameter("day", "string", "the cycle's local day, YYYY-MM-DD (default: today)")],
            response: JSONSchema.ref("Coverage"), errors: [404]
        ) { request in
            let context = request.context
            let account = try context.store.accounts.get(request.parameter("account"))
            let day =
                if let text = request.text("day") {
                    try LocalDate(parsing: text)
                } else {
                    try context.cycles.today(account: account, now: context.store.clock.now()).day
                }
            return APIJSON.coverage(try context.cycles.coverage(account: account, day: day))
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/cycles/publish", id: "publishRoster",
            summary: "Publish students.csv from the roster now, outside the schedule (as `panda cycle publish`):"
                + " atomically, with its dated archive copy",
            tag: "cycles", response: JSONSchema.ref("Publication"), errors: [404]
        ) { request in
            let context = request.context
            let publication = try context.actions(actor: request.actor).publishRoster(
                account: request.parameter("account"), dataDirectory: context.dataDirectory)
            let account = try context.store.accounts.get(publication.account)
            let cycle = try context.cycles.cycle(
                account: account, day: try LocalDate(parsing: publication.localDate), now: context.store.clock.now())
            guard case .object(let pairs) = OperatorJSON.publication(publication) else { return .null }
            return .object(
                pairs + [
                    ("path", .string(account.folders.studentsFile)),
                    ("archivePath", .string(account.folders.archive + "/students-\(publication.localDate).csv")),
                    ("cycle", APIJSON.cycle(cycle)),
                ])
        },
    ]
}
