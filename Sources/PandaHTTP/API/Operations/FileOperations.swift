import PandaCore
import PandaExchange
import PandaStore

/// Files and their result reports, and the held-file decisions (as `panda files|report|file approve|discard`).
enum FileOperations {
    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/accounts/{account}/files", id: "listFiles",
            summary: "The account's files, oldest first, then uploads still queued (reports without their errors)",
            tag: "files", response: JSONSchema.array(JSONSchema.ref("Report"))
        ) { request in
            let store = request.context.store
            let username = request.parameter("account")
            _ = try store.accounts.get(username)
            let reports =
                try store.files.list(account: username).map { ResultReport(entry: $0, errors: []) }
                + store.importQueue.queued(account: username).map(ResultReport.init(queued:))
            return .array(reports.map { ReportJSON.object($0) })
        },
        APIOperation(
            "GET", "/api/v1/accounts/{account}/files/{file}", id: "getReport",
            summary: "A file's result report with its row errors; FILE is a file id, an upload name, or `latest`",
            tag: "files", response: JSONSchema.ref("Report")
        ) { request in
            let file = request.parameter("file")
            let report = try ReportLookup(store: request.context.store).report(
                account: request.parameter("account"), file: file == "latest" ? nil : file)
            return ReportJSON.object(report)
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/files/{file}/approve", id: "approveFile",
            summary: "Apply a held file now, without the threshold (one-shot, audited); returns its new report",
            tag: "files", response: JSONSchema.ref("Report"), errors: [404, 409]
        ) { request in
            let (account, id) = try heldFile(request)
            return ReportJSON.object(
                try request.context.importer.approve(account: account, fileID: id, actor: request.actor).report)
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/files/{file}/discard", id: "discardFile",
            summary: "Reject a held file: drop it without applying it (one-shot, audited)", tag: "files",
            response: JSONSchema.ref("Report"), errors: [404, 409]
        ) { request in
            let (account, id) = try heldFile(request)
            return ReportJSON.object(
                try request.context.importer.discard(account: account, fileID: id, actor: request.actor).report)
        },
        APIOperation(
            "GET", "/api/v1/held", id: "listHeldFiles",
            summary: "Held files of every account, oldest first: what waits for approval", tag: "files",
            response: JSONSchema.array(JSONSchema.ref("Report")), errors: []
        ) { request in
            let store = request.context.store
            return .array(
                try store.files.held().map {
                    ReportJSON.object(ResultReport(entry: $0, errors: try store.files.errors(fileID: $0.id, limit: 20)))
                })
        },
    ]

    /// The account and id of the held file a request names (an id or the name of a held file).
    private static func heldFile(_ request: APIRequest) throws -> (String, Int64) {
        let account = request.parameter("account")
        _ = try request.context.store.accounts.get(account)
        return (
            account,
            try ReportLookup(store: request.context.store).heldFileID(account: account, file: request.parameter("file"))
        )
    }
}
