import PandaCore
import PandaStore

/// Every held file waiting for a decision, with what it would change and the approve/reject buttons.
enum HeldPage {
    static func render(_ request: DashboardRequest) throws -> HTTPResponse {
        let held = try request.context.store.files.held()
        guard !held.isEmpty else {
            return request.page("Held files", active: "held", "<p>No file is waiting for approval.</p>")
        }
        var body = """
            <p class="muted">A file is held when it would deactivate, or end the memberships of, more than the account's threshold
            of its active students. Approving applies it now; rejecting drops it. Each decision is final and audited.</p>
            <div class="scroll"><table><thead><tr><th>Account</th><th>File</th><th>Uploaded</th><th>Would change</th>
            <th>Decision</th></tr></thead><tbody>
            """
        for file in held {
            let ch = file.changes
            let link = "/accounts/\(HTML.urlComponent(file.account))"
            body += """
                <tr><td><a href="\(link)">\(HTML.escape(file.account))</a></td>
                <td><a href="\(link)/files/\(file.id)">\(HTML.escape(file.name))</a> <span class="muted">#\(file.id)</span></td>
                <td>\(HTML.time(file.uploadedAt))</td>
                <td>deactivates \(ch.deactivated), ends memberships of \(ch.studentsLosingMemberships) of \(ch.activeStudents) active (threshold \(ch.thresholdPercent) %)</td>
                <td>\(ReportPage.decisionForms(account: file.account, id: file.id, session: request.session))</td></tr>
                """
        }
        body += "</tbody></table></div>"
        return request.page("Held files", active: "held", body)
    }
}
