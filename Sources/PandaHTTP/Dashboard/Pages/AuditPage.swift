import Foundation
import PandaCore
import PandaStore

/// The audit log with search: text, account, event (or family), actor; older entries a page at a time.
enum AuditPage {
    static let pageSize = 100

    static func render(_ request: DashboardRequest) throws -> HTTPResponse {
        let q = request.http.query
        func value(_ name: String) -> String? { q[name].flatMap { $0.isEmpty ? nil : $0 } }
        let query = AuditQuery(
            account: value("account"), event: value("event"), actor: value("actor"), text: value("q"),
            beforeID: value("before").flatMap(Int64.init), limit: pageSize)
        let entries = try request.context.store.audit.search(query)
        let accounts = try request.context.store.accounts.list().map(\.username)
        func field(_ name: String, _ label: String) -> String {
            "<input name=\"\(name)\" placeholder=\"\(label)\" aria-label=\"\(label)\" value=\"\(HTML.escape(value(name) ?? ""))\">"
        }
        let options = ([""] + accounts).map {
            "<option value=\"\(HTML.escape($0))\"\($0 == (value("account") ?? "") ? " selected" : "")>\($0.isEmpty ? "all accounts" : HTML.escape($0))</option>"
        }.joined()
        var body = """
            <form class="search" method="get" action="/audit">\(field("q", "search text"))
            <select name="account" aria-label="account">\(options)</select>\(field("event", "event, e.g. login or file."))
            \(field("actor", "actor, e.g. ssh"))<button type="submit">Search</button></form>
            """
        if entries.isEmpty {
            body += "<p class=\"muted\">No entries match.</p>"
        } else {
            body += "<div class=\"scroll\"><table><thead><tr><th>Time</th><th>Account</th><th>Actor</th><th>Event</th>"
            body += "<th class=\"hide-narrow\">Address</th><th>Detail</th></tr></thead><tbody>"
            for e in entries {
                body += """
                    <tr><td>\(HTML.time(e.at))</td><td>\(HTML.escape(e.account ?? "–"))</td><td>\(HTML.escape(e.actor))</td>
                    <td><code>\(HTML.escape(e.event))</code></td><td class="hide-narrow">\(HTML.escape(e.address ?? "–"))</td>
                    <td><span class="record">\(HTML.escape(e.detail))</span></td></tr>
                    """
            }
            body += "</tbody></table></div>"
            if entries.count == pageSize, let last = entries.last {
                var next = q
                next["before"] = String(last.id)
                let queryText = next.sorted { $0.key < $1.key }.map {
                    "\(HTML.urlComponent($0.key))=\(HTML.urlComponent($0.value))"
                }
                .joined(separator: "&")
                body += "<p><a href=\"/audit?\(HTML.escape(queryText))\">Older entries →</a></p>"
            }
        }
        return request.page("Audit log", active: "audit", body)
    }
}
