import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// Institutions and accounts, with each account's schedule, notifications and limits.
enum AccountOperations {
    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/institutions", id: "listInstitutions", summary: "Institutions with their accounts",
            tag: "institutions", response: JSONSchema.array(JSONSchema.ref("Institution")), errors: []
        ) { request in
            let store = request.context.store
            let accounts = Dictionary(grouping: try store.accounts.list(), by: \.institutionID)
            return .array(try store.institutions.list().map { OperatorJSON.institution($0, accounts[$0.id] ?? []) })
        },
        APIOperation(
            "GET", "/api/v1/institutions/{institution}", id: "getInstitution", summary: "One institution",
            tag: "institutions", response: JSONSchema.ref("Institution")
        ) { request in
            try institutionJSON(request.parameter("institution"), store: request.context.store)
        },
        APIOperation(
            "GET", "/api/v1/accounts", id: "listAccounts", summary: "Every account with its schedule and limits",
            tag: "accounts", response: JSONSchema.array(JSONSchema.ref("Account")), errors: []
        ) { request in
            let store = request.context.store
            let institutions = Dictionary(uniqueKeysWithValues: try store.institutions.list().map { ($0.id, $0) })
            return .array(
                try store.accounts.list().map { account in
                    try accountJSON(account, institution: institutions[account.institutionID], request: request)
                })
        },
        APIOperation(
            "GET", "/api/v1/accounts/{account}", id: "getAccount",
            summary: "One account: connection details, folders, schedule, limits, holidays and pauses",
            tag: "accounts", response: JSONSchema.ref("Account")
        ) { request in
            let account = try request.context.store.accounts.get(request.parameter("account"))
            return try accountJSON(account, institution: nil, request: request)
        },
        APIOperation(
            "PATCH", "/api/v1/accounts/{account}", id: "updateAccountSettings",
            summary: "Change an account's schedule, notifications and limits (as `panda account set`)",
            tag: "accounts", requestBody: settingsSchema, response: JSONSchema.ref("Account"), errors: [404, 422]
        ) { request in
            let username = request.parameter("account")
            let changes = try settingsChanges(request)
            guard !changes.isEmpty else {
                throw APIError.badRequest("give at least one setting to change", code: "missing_field")
            }
            let (account, _) = try request.context.actions(actor: request.actor).changeSettings(
                account: username, changes)
            return try accountJSON(account, institution: nil, request: request)
        },
    ]

    /// An institution as the API shows it, with its accounts in username order.
    static func institutionJSON(_ id: String, store: Store) throws -> JSONValue {
        let institution = try store.institutions.get(id)
        return OperatorJSON.institution(institution, try store.accounts.list(institution: institution.id))
    }

    /// An account as the API shows it.
    static func accountJSON(_ account: Account, institution: Institution?, request: APIRequest) throws -> JSONValue {
        let store = request.context.store
        let institution = try institution ?? store.institutions.get(account.institutionID.rawValue)
        let timeZone = account.settings.timeZone ?? institution.timeZone
        let host = try store.serverSettings.get("public_host")
        let port = try store.serverSettings.get("sftp_port").flatMap(Int.init)
        return .object([
            ("username", .string(account.username)),
            ("institution", .string(institution.id.rawValue)),
            ("institutionName", .string(institution.name)),
            ("environment", .string(account.environment.rawValue)),
            ("host", .optional(host)),
            ("port", port.map { .int($0) } ?? .null),
            ("folders", OperatorJSON.folders(account.folders)),
            ("hostKeys", ConnectionDetails.json(hostKeys: request.context.hostKeys.fingerprints())),
            ("settings", OperatorJSON.settings(account.settings, timeZone: timeZone)),
            ("holidays", .array(try store.calendar.holidays(of: account.username).map { .string($0.description) })),
            (
                "pauses",
                .array(
                    try store.calendar.pauses(of: account.username).map {
                        .object([("from", .string($0.first.description)), ("to", .string($0.last.description))])
                    })
            ),
            ("rosterSize", .int(try store.roster.count(account.username))),
            ("createdAt", .date(account.createdAt)),
        ])
    }

    /// The JSON fields of a settings change and the `account set` option each stands for.
    static let settingFields: [(field: String, option: String, schema: JSONValue)] = [
        ("publishAt", "publish-at", JSONSchema.described(JSONSchema.string, "HH:MM, local time")),
        ("deadline", "deadline", JSONSchema.described(JSONSchema.string, "HH:MM, local time")),
        ("days", "days", JSONSchema.array(JSONSchema.enumeration(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))),
        ("timeZone", "timezone", JSONSchema.described(JSONSchema.string, "IANA name; null inherits the institution's")),
        ("webhook", "webhook", JSONSchema.described(JSONSchema.string, "http(s) URL; null removes it")),
        ("webhookSecret", "webhook-secret", JSONSchema.described(JSONSchema.string, "null removes it")),
        ("notifyEmails", "notify-email", JSONSchema.array(JSONSchema.string)),
        ("digest", "digest", JSONSchema.boolean),
        ("settleSeconds", "settle", JSONSchema.described(JSONSchema.integer, "null: the server's default")),
        ("thresholdPercent", "threshold", JSONSchema.integer),
        ("maxFileSize", "max-file-size", JSONSchema.described(JSONSchema.integer, "bytes")),
        ("quota", "quota", JSONSchema.described(JSONSchema.integer, "bytes")),
        ("maxFilesPerDay", "max-files-per-day", JSONSchema.integer),
        ("retentionDays", "retention-days", JSONSchema.integer),
        ("maxSessions", "max-sessions", JSONSchema.integer),
        ("outboundFolder", "outbound-folder", folderSchema("/outbound")),
        ("archiveFolder", "archive-folder", folderSchema("/outbound/archive")),
        ("inboundFolder", "inbound-folder", folderSchema("/inbound")),
        ("validateFolder", "validate-folder", folderSchema("/validate")),
        ("resultsFolder", "results-folder", folderSchema("/results")),
    ]

    static func folderSchema(_ standard: String) -> JSONValue {
        JSONSchema.described(JSONSchema.string, "path in the account's SFTP tree; null restores \(standard)")
    }

    static let settingsSchema = JSONSchema.object(settingFields.map { ($0.field, $0.schema) })

    /// The body's settings as `account set` options with their text: the same parser checks them.
    static func settingsChanges(_ request: APIRequest) throws -> [(name: String, text: String)] {
        try request.body(SettingsPatch.self).changes
    }
}

/// A settings change as JSON: each field present becomes one `account set` option (null clears it).
struct SettingsPatch: Decodable {
    var changes: [(name: String, text: String)] = []

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: BodyKey.self)
        let fields = AccountOperations.settingFields
        try BodyKey.refuseUnknown(container, known: fields.map(\.field), what: "setting")
        for (field, option, schema) in fields {
            let key = BodyKey(stringValue: field)
            guard container.contains(key) else { continue }
            if try container.decodeNil(forKey: key) {
                changes.append((option, "-"))
                continue
            }
            let text: String
            switch schema.rendered(pretty: false) {
            case let s where s.contains("\"boolean\""):
                text = try container.decode(Bool.self, forKey: key) ? "on" : "off"
            case let s where s.contains("\"integer\""):
                text = String(try container.decode(Int64.self, forKey: key))
            case let s where s.contains("\"array\""):
                let items = try container.decode([String].self, forKey: key)
                text = items.isEmpty ? "-" : items.joined(separator: ",")
            default:
                text = try container.decode(String.self, forKey: key)
            }
            changes.append((option, text))
        }
    }
}
