import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// A file's result report: status, counts, what it changed, and every stored row error with its record;
/// approve and reject buttons while it is held.
enum ReportPage {
    static func render(_ request: DashboardRequest) throws -> HTTPResponse {
        let account = request.parameter("account")
        let report = try ReportLookup(store: request.context.store).report(
            account: account, file: request.parameter("file"))
        let c = report.entry?.counts ?? FileCounts()
        var body = """
            <p><a href="/accounts/\(HTML.urlComponent(account))">← \(HTML.escape(account))</a></p>
            <dl class="facts"><dt>Status</dt><dd>\(HTML.badge(report.statusText))</dd>
            <dt>File</dt><dd>\(HTML.escape(report.fileName))\(report.entry.map { " (id \($0.id))" } ?? "")</dd>
            <dt>Type</dt><dd>\(HTML.escape(report.entry?.type ?? "–"))</dd>
            <dt>Uploaded</dt><dd>\(HTML.time(report.uploadedAt))</dd>
            <dt>Processed</dt><dd>\(HTML.time(report.entry?.processedAt))</dd>
            """
        if let entry = report.entry {
            body += "<dt>Cycle</dt><dd>\(HTML.escape(entry.cycleDay))</dd>"
            if let by = entry.decidedBy {
                body += "<dt>Decided by</dt><dd>\(HTML.escape(by)) at \(HTML.time(entry.decidedAt))</dd>"
            }
        }
        body += "</dl>"
        body += """
            <h2>Rows</h2><div class="cards"><div class="card">Read<b>\(c.read)</b></div><div class="card">Created<b>\(c.created)</b></div>
            <div class="card">Updated<b>\(c.updated)</b></div><div class="card">Unchanged<b>\(c.unchanged)</b></div>
            <div class="card">Skipped<b>\(c.skipped)</b></div><div class="card">Rejected<b>\(c.rejected)</b></div></div>
            """
        if let entry = report.entry, entry.status == .held {
            let ch = entry.changes
            body += """
                <div class="notice"><p><b>Held for approval.</b> It would deactivate \(ch.deactivated) and end memberships of
                \(ch.studentsLosingMemberships) of \(ch.activeStudents) active students; the threshold is \(ch.thresholdPercent) %.</p>
                \(decisionForms(account: account, id: entry.id, session: request.session))</div>
                """
        }
        body += "<h2>Row errors (\(report.totalErrorCount))</h2>"
        let errors = report.listedErrors
        if errors.isEmpty {
            body += "<p class=\"muted\">No errors.</p>"
        } else {
            body += "<div class=\"scroll\"><table><thead><tr><th class=\"num\">Line</th><th>Code</th><th>Field</th>"
            body += "<th>Message</th><th>Record</th></tr></thead><tbody>"
            for error in errors {
                body += """
                    <tr><td class="num">\(error.line)</td><td><code>\(HTML.escape(error.code))</code></td>
                    <td>\(HTML.escape(error.field ?? "–"))</td><td>\(HTML.escape(error.message))</td>
                    <td><span class="record">\(HTML.escape(error.record))</span></td></tr>
                    """
            }
            body += "</tbody></table></div>"
            if report.totalErrorCount > errors.count {
                body +=
                    "<p class=\"muted\">The first \(errors.count) are shown; the errors CSV in /results has all of them.</p>"
            }
        }
        return request.page("Report: \(report.fileName)", body)
    }

    /// The approve and reject buttons of a held file.
    static func decisionForms(account: String, id: Int64, session: SignedIn) -> String {
        let base = "/accounts/\(HTML.urlComponent(account))/files/\(id)"
        return """
            <form class="inline" method="post" action="\(base)/approve">\(session.csrfField)<button class="approve" type="submit">Approve</button></form>
            <form class="inline" method="post" action="\(base)/discard">\(session.csrfField)<button class="reject" type="submit">Reject</button></form>
            """
    }

    static func approve(_ request: DashboardRequest) throws -> HTTPResponse {
        try decide(request) { importer, account, id, actor in
            try importer.approve(account: account, fileID: id, actor: actor)
        }
    }

    static func discard(_ request: DashboardRequest) throws -> HTTPResponse {
        try decide(request) { importer, account, id, actor in
            try importer.discard(account: account, fileID: id, actor: actor)
        }
    }

    private static func decide(
        _ request: DashboardRequest, _ decision: (FileImporter, String, Int64, String) throws -> ImportOutcome
    ) throws -> HTTPResponse {
        let account = request.parameter("account")
        _ = try request.context.store.accounts.get(account)
        let id = try ReportLookup(store: request.context.store).heldFileID(
            account: account, file: request.parameter("file"))
        _ = try decision(request.context.importer, account, id, request.session.actor)
        return .redirect(to: "/accounts/\(HTML.urlComponent(account))/files/\(id)")
    }
}
