import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// One account: today's cycle and the previous days, coverage, schedule and limits, keys (with expiry
/// warnings) and files with their reports.
enum AccountPage {
    static func render(_ request: DashboardRequest) throws -> HTTPResponse {
        let context = request.context
        let store = context.store
        let now = store.clock.now()
        let account = try store.accounts.get(request.parameter("account"))
        let institution = try store.institutions.get(account.institutionID.rawValue)
        let link = "/accounts/\(HTML.urlComponent(account.username))"
        let cycles = try context.cycles.recent(account: account, days: 7, now: now)
        let today = cycles[0]
        let coverage = try context.cycles.coverage(account: account, day: today.day)
        let s = account.settings
        let timeZone = s.timeZone ?? institution.timeZone

        var body = """
            <div class="cards"><div class="card">Today (\(today.day))\(HTML.badge(today.state.rawValue))</div>
            <div class="card">Students on the roster<b>\(coverage.expected)</b></div>
            <div class="card">Institution<b>\(HTML.escape(institution.name))</b>\(account.environment.rawValue)</div></div>
            <h2>Recent cycles</h2><div class="scroll"><table><thead><tr><th>Day</th><th>State</th><th>Published</th>
            <th>Retrieved</th><th>Files</th></tr></thead><tbody>
            """
        for cycle in cycles {
            body += """
                <tr><td>\(cycle.day)</td><td>\(HTML.badge(cycle.state.rawValue))\(cycle.reason.map { " <span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")</td>
                <td>\(HTML.time(cycle.record?.publishedAt))</td><td>\(HTML.time(cycle.record?.retrievedAt))</td>
                <td>\(cycle.files.map { "<a href=\"\(link)/files/\($0.id)\">\(HTML.escape($0.name))</a> \(HTML.badge($0.status.rawValue))" }.joined(separator: "<br>"))\(cycle.queued.isEmpty ? "" : " \(cycle.queued.count) queued")</td></tr>
                """
        }
        body += "</tbody></table></div>"

        body += "<h2>Coverage of \(coverage.day)</h2><div class=\"scroll\"><table><thead><tr><th>File type</th>"
        body += "<th>With data</th><th>Without</th><th>First students without data</th></tr></thead><tbody>"
        for type in coverage.types {
            body += """
                <tr><td><code>\(HTML.escape(type.type))</code></td><td class="num">\(type.withData) / \(coverage.expected)</td>
                <td class="num">\(type.withoutCount)</td><td class="record">\(HTML.escape(type.without.prefix(10).joined(separator: ", ")))</td></tr>
                """
        }
        body += "</tbody></table></div><p class=\"muted\">\(HTML.escape(CycleOverview.coverageMethod))</p>"

        body += """
            <h2>Schedule and limits</h2><dl class="facts">
            <dt>Publish at</dt><dd>\(s.publishAt) \(HTML.escape(timeZone))</dd>
            <dt>Deadline</dt><dd>\(s.deadline) \(HTML.escape(timeZone))</dd>
            <dt>Days</dt><dd>\(s.days.map(\.shortName).joined(separator: ", "))</dd>
            <dt>Threshold</dt><dd>\(s.thresholdPercent) % of active students</dd>
            <dt>Max file size</dt><dd>\(s.maxFileSize)</dd><dt>Quota</dt><dd>\(s.quota)</dd>
            <dt>Files per day</dt><dd>\(s.maxFilesPerDay)</dd><dt>Retention</dt><dd>\(s.retentionDays) days</dd>
            <dt>Notifications</dt><dd>\(HTML.escape(s.webhookURL ?? "no webhook")); \(HTML.escape(s.notifyEmails.isEmpty ? "no e-mail" : s.notifyEmails.joined(separator: ", ")))</dd>
            </dl>
            """

        body += connectionSection(try context.connection(for: account))

        let keys = try store.keys.list(account.username)
        body += "<h2>Keys</h2>"
        if keys.isEmpty {
            body +=
                "<p class=\"warn\">No key: the institution cannot log in. Register one with <code>panda key add</code>.</p>"
        } else {
            body +=
                "<div class=\"scroll\"><table><thead><tr><th>Fingerprint</th><th>Type</th><th>Comment</th><th>Expires</th>"
            body += "<th>Last used</th><th>State</th></tr></thead><tbody>"
            for key in keys {
                let state = key.state(at: now).rawValue
                let expiring = OperatorJSON.expiresSoon(key, now: now)
                body += """
                    <tr><td><code>\(HTML.escape(key.fingerprint))</code></td><td>\(key.algorithm.family) \(key.bits)</td>
                    <td>\(HTML.escape(key.comment))</td>
                    <td>\(key.expiresAt.map { HTML.time($0) } ?? "never")\(expiring ? " <span class=\"warn\">expires soon</span>" : "")</td>
                    <td>\(HTML.time(key.lastUsedAt))</td><td>\(HTML.escape(state))</td></tr>
                    """
            }
            body += "</tbody></table></div>"
        }

        let files = try store.files.recent(account: account.username, limit: 50)
        body += "<h2>Files</h2>"
        if files.isEmpty {
            body += "<p class=\"muted\">No files processed yet.</p>"
        } else {
            body += "<div class=\"scroll\"><table><thead><tr><th>Id</th><th>Name</th><th>Uploaded</th><th>Status</th>"
            body +=
                "<th class=\"hide-narrow\">Type</th><th class=\"num\">Read</th><th class=\"num\">Rejected</th></tr></thead><tbody>"
            for file in files {
                body += """
                    <tr><td>\(file.id)</td><td><a href="\(link)/files/\(file.id)">\(HTML.escape(file.name))</a></td>
                    <td>\(HTML.time(file.uploadedAt))</td><td>\(HTML.badge(file.status.rawValue))</td>
                    <td class="hide-narrow">\(HTML.escape(file.type ?? "–"))</td><td class="num">\(file.counts.read)</td>
                    <td class="num">\(file.counts.rejected)</td></tr>
                    """
            }
            body += "</tbody></table></div>"
        }
        return request.page(account.username, body)
    }

    /// What the operator sends the institution: address, folders, host keys, and the commands to connect.
    static func connectionSection(_ c: ConnectionDetails) -> String {
        let folders = [
            c.folders.studentsFile, c.folders.archive, c.folders.inbound, c.folders.validate, c.folders.results,
        ]
        .map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
        let hostKeys =
            c.hostKeys.isEmpty
            ? "not generated yet: the server creates them when it first starts"
            : c.hostKeys.map { "<code>\(HTML.escape($0.fingerprint))</code> \(HTML.escape($0.type))" }
                .joined(separator: "<br>")
        return """
            <h2>Connection</h2><dl class="facts">
            <dt>Host</dt><dd><code>\(HTML.escape(c.host))</code></dd><dt>Port</dt><dd>\(c.port)</dd>
            <dt>Username</dt><dd><code>\(HTML.escape(c.username))</code></dd><dt>Folders</dt><dd>\(folders)</dd>
            <dt>Host keys</dt><dd>\(hostKeys)</dd>
            <dt>SFTP</dt><dd><code>\(HTML.escape(c.sftpCommand))</code></dd>
            <dt>Agent</dt><dd><code>\(HTML.escape(c.agentCommand))</code></dd></dl>
            """
    }
}
