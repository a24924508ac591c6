import PandaCore
import PandaExchange
import PandaStore

/// Addresses banned after repeated failed logins, each with a button to lift its ban (`panda ban remove`).
enum BansPage {
    static func render(_ request: DashboardRequest) throws -> HTTPResponse {
        let store = request.context.store
        let bans = try store.bans.list(at: store.clock.now())
        guard !bans.isEmpty else {
            return request.page("Bans", active: "bans", "<p>No address is banned.</p>")
        }
        var body = """
            <p class="muted">An address is banned after repeated failed logins; each further ban lasts twice as long.
            Lifting a ban also forgets the address's failed logins. Each lift is audited.</p>
            <div class="scroll"><table><thead><tr><th>Address</th><th>Banned</th><th>Until</th><th>Ban</th>
            <th></th></tr></thead><tbody>
            """
        for ban in bans {
            body += """
                <tr><td><code>\(HTML.escape(ban.address))</code></td><td>\(HTML.time(ban.bannedAt))</td>
                <td>\(HTML.time(ban.until))</td><td class="num">\(ordinal(ban.count)), \(Int(ban.duration / 60)) min</td>
                <td><form class="inline" method="post" action="/bans/lift">\(request.session.csrfField)
                <input type="hidden" name="address" value="\(HTML.escape(ban.address))">
                <button type="submit">Lift</button></form></td></tr>
                """
        }
        body += "</tbody></table></div>"
        return request.page("Bans", active: "bans", body)
    }

    /// Lifts the ban of the form's `address`, as `panda ban remove`; a missing ban is a 404 page.
    static func lift(_ request: DashboardRequest) throws -> HTTPResponse {
        let address = request.form["address"] ?? ""
        _ = try request.context.actions(actor: request.session.actor).liftBan(address: address)
        return .redirect(to: "/bans")
    }

    static func ordinal(_ n: Int) -> String {
        switch (n % 10, n % 100) {
        case (1, let h) where h != 11: "\(n)st"
        case (2, let h) where h != 12: "\(n)nd"
        case (3, let h) where h != 13: "\(n)rd"
        default: "\(n)th"
        }
    }
}
