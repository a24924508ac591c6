import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// Today's cycle of every account at a glance: state (colour and text), schedule, last file, keys, held files.
enum OverviewPage {
    static func render(_ request: DashboardRequest) throws -> HTTPResponse {
        let store = request.context.store
        let now = store.clock.now()
        let accounts = try store.accounts.list()
        let held = try store.files.held()
        var counts: [CycleState: Int] = [:]
        var rows = ""
        for account in accounts {
            let cycle = try request.context.cycles.today(account: account, now: now)
            counts[cycle.state, default: 0] += 1
            let last = try store.files.recent(account: account.username, limit: 1).first
            let keys = try store.keys.list(account.username, includeRevoked: false).filter {
                $0.state(at: now) == .active
            }
            let expiring = keys.filter { OperatorJSON.expiresSoon($0, now: now) }.count
            let heldHere = held.filter { $0.account == account.username }.count
            let link = "/accounts/\(HTML.urlComponent(account.username))"
            rows += """
                <tr><td><a href="\(link)">\(HTML.escape(account.username))</a></td>
                <td class="hide-narrow">\(HTML.escape(account.institutionID.rawValue)) · \(account.environment.rawValue)</td>
                <td>\(HTML.badge(cycle.state.rawValue))\(cycle.reason.map { " <span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")</td>
                <td class="hide-narrow">\(cycle.publishAt.map { HTML.time($0) } ?? "–")</td>
                <td class="hide-narrow">\(cycle.deadline.map { HTML.time($0) } ?? "–")</td>
                <td>\(last.map { "<a href=\"\(link)/files/\($0.id)\">\(HTML.escape($0.name))</a> \(HTML.badge($0.status.rawValue))" } ?? "<span class=\"muted\">none yet</span>")</td>
                <td>\(keys.count)\(expiring > 0 ? " <span class=\"warn\">(\(expiring) expiring)</span>" : "")</td>
                <td class="num">\(heldHere > 0 ? "<a href=\"/held\" class=\"warn\">\(heldHere) held</a>" : "0")</td></tr>
                """
        }
        let cards = [
            CycleState.processed, .processedWithErrors, .held, .missed, .uploaded, .published, .scheduled,
        ]
        .map { "<div class=\"card\">\(HTML.badge($0.rawValue))<b>\(counts[$0] ?? 0)</b></div>" }.joined()
        let body =
            accounts.isEmpty
            ? "<p>No accounts yet: onboard an institution with <code>panda institution add ID --name NAME</code>.</p>"
            : """
            <p class="muted">Today's cycle per account (each in its own time zone), \(HTML.escape(HTML.time(now))).</p>
            <div class="cards">\(cards)</div>
            <div class="scroll"><table><thead><tr><th>Account</th><th class="hide-narrow">Institution</th><th>Today</th>
            <th class="hide-narrow">Publish</th><th class="hide-narrow">Deadline</th><th>Latest file</th><th>Keys</th><th>Held</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return request.page("Overview", active: "overview", body)
    }
}
