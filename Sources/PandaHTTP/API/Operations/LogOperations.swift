import PandaCore
import PandaExchange
import PandaStore

/// The audit log with filters, and notification history.
enum LogOperations {
    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/audit", id: "searchAudit", summary: "Audit log entries, newest first, with filters",
            tag: "audit",
            query: [
                QueryParameter("account", "string", "only this account's entries"),
                QueryParameter("event", "string", "an event (login), or a family ending with a dot (file.)"),
                QueryParameter("actor", "string", "ssh, importer, publisher, cli, api:NAME, dashboard:NAME…"),
                QueryParameter("q", "string", "text in the event, address or detail"),
                QueryParameter("since", "string", "YYYY-MM-DD or a UTC time"),
                QueryParameter("until", "string", "YYYY-MM-DD or a UTC time (excluded)"),
                QueryParameter("before", "integer", "only entries older than this id (next page)"),
                QueryParameter("limit", "integer", "1-1000, default 100"),
            ],
            response: JSONSchema.array(JSONSchema.ref("AuditEntry")), errors: [404]
        ) { request in
            let store = request.context.store
            if let account = request.text("account") { _ = try store.accounts.get(account) }
            let before = try request.integer("before", default: 0, in: 0...Int.max)
            let query = AuditQuery(
                account: request.text("account"), event: request.text("event"), actor: request.text("actor"),
                text: request.text("q"), since: try request.instant("since"), until: try request.instant("until"),
                beforeID: before == 0 ? nil : Int64(before),
                limit: try request.integer("limit", default: 100, in: 1...1000))
            return .array(try store.audit.search(query).map(OperatorJSON.audit))
        },
        APIOperation(
            "GET", "/api/v1/notifications", id: "listNotifications",
            summary: "Notification events, newest first, with each webhook and e-mail delivery and its attempts",
            tag: "notifications",
            query: [
                QueryParameter("account", "string", "only this account's events"),
                QueryParameter("limit", "integer", "1-500, default 50"),
            ],
            response: JSONSchema.array(JSONSchema.ref("Notification")), errors: [404]
        ) { request in
            let store = request.context.store
            if let account = request.text("account") { _ = try store.accounts.get(account) }
            let history = try store.notifications.history(
                account: request.text("account"), limit: try request.integer("limit", default: 50, in: 1...500))
            return .array(history.map(OperatorJSON.notification))
        },
    ]
}
