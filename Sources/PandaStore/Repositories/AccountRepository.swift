import Foundation
import PandaCore

/// SFTP accounts: their folders, schedule and limits.
public struct AccountRepository: Sendable {
    let database: any Database

    public func get(_ username: String) throws -> Account {
        try database.read { db in try Self.get(username, in: db) }
    }

    /// The account, or nil when there is none (for authentication, where absence is not an error).
    public func find(_ username: String) throws -> Account? {
        try database.read { db in
            try db.queryOne(Self.select + " WHERE username = ?", username).map(Self.account(from:))
        }
    }

    public func list(institution: InstitutionID? = nil) throws -> [Account] {
        try database.read { db in
            if let institution {
                return try db.query(Self.select + " WHERE institution_id = ? ORDER BY username", institution.rawValue)
                    .map(Self.account(from:))
            }
            return try db.query(Self.select + " ORDER BY username").map(Self.account(from:))
        }
    }

    /// Changes an account's settings in one transaction; `change` sees the current values.
    @discardableResult
    public func updateSettings(_ username: String, _ change: (inout AccountSettings) throws -> Void) throws -> Account {
        try update(username) { account in try change(&account.settings) }
    }

    /// Changes an account's settings and folder paths in one transaction; `change` sees the current values
    /// (its username, institution and environment are kept whatever `change` does to them).
    @discardableResult
    public func update(_ username: String, _ change: (inout Account) throws -> Void) throws -> Account {
        try database.write { db in
            let current = try Self.get(username, in: db)
            var changed = current
            try change(&changed)
            let s = changed.settings
            let f = changed.folders
            try db.execute(
                """
                UPDATE accounts SET publish_at = ?, deadline = ?, days = ?, time_zone = ?, webhook_url = ?,
                    webhook_secret = ?, notify_emails = ?, digest = ?, settle_seconds = ?, threshold_percent = ?,
                    max_file_size = ?, quota = ?, max_files_per_day = ?, retention_days = ?, max_sessions = ?,
                    folder_outbound = ?, folder_archive = ?, folder_inbound = ?, folder_validate = ?, folder_results = ?
                WHERE username = ?
                """,
                [
                    s.publishAt.description, s.deadline.description, Self.encodeDays(s.days), s.timeZone,
                    s.webhookURL, s.webhookSecret, s.notifyEmails.joined(separator: ","), s.digest, s.settleSeconds,
                    s.thresholdPercent, s.maxFileSize.bytes, s.quota.bytes, s.maxFilesPerDay, s.retentionDays,
                    s.maxSessions, f.outbound, f.archive, f.inbound, f.validate, f.results, username,
                ])
            return Account(
                username: current.username, institutionID: current.institutionID, environment: current.environment,
                folders: f, settings: s, createdAt: current.createdAt)
        }
    }

    static func get(_ username: String, in db: any SQLConnection) throws -> Account {
        guard let row = try db.queryOne(select + " WHERE username = ?", username) else {
            throw StoreError.notFound(what: "account \(username)", hint: "see `panda institution list`")
        }
        return try account(from: row)
    }

    static func insert(_ account: Account, into db: any SQLConnection) throws {
        let s = account.settings
        let f = account.folders
        try db.execute(
            """
            INSERT INTO accounts (username, institution_id, environment, folder_outbound, folder_archive,
                folder_inbound, folder_validate, folder_results, publish_at, deadline, days, time_zone, webhook_url,
                webhook_secret, notify_emails, digest, settle_seconds, threshold_percent, max_file_size, quota,
                max_files_per_day, retention_days, max_sessions, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                account.username, account.institutionID.rawValue, account.environment.rawValue, f.outbound, f.archive,
                f.inbound, f.validate, f.results, s.publishAt.description, s.deadline.description,
                encodeDays(s.days), s.timeZone, s.webhookURL, s.webhookSecret, s.notifyEmails.joined(separator: ","),
                s.digest, s.settleSeconds, s.thresholdPercent, s.maxFileSize.bytes, s.quota.bytes, s.maxFilesPerDay,
                s.retentionDays, s.maxSessions, account.createdAt,
            ])
    }

    static let select = """
        SELECT username, institution_id, environment, folder_outbound, folder_archive, folder_inbound,
            folder_validate, folder_results, publish_at, deadline, days, time_zone, webhook_url, webhook_secret,
            notify_emails, digest, settle_seconds, threshold_percent, max_file_size, quota, max_files_per_day,
            retention_days, max_sessions, created_at
        FROM accounts
        """

    static func account(from row: SQLRow) throws -> Account {
        var settings = AccountSettings()
        settings.publishAt = try TimeOfDay(parsing: row.string(8))
        settings.deadline = try TimeOfDay(parsing: row.string(9))
        settings.days = try Weekday.parseList(row.string(10))
        settings.timeZone = row.optionalString(11)
        settings.webhookURL = row.optionalString(12)
        settings.webhookSecret = row.optionalString(13)
        settings.notifyEmails = row.string(14).split(separator: ",").map(String.init)
        settings.digest = row.bool(15)
        settings.settleSeconds = row.optionalInt64(16).map(Int.init)
        settings.thresholdPercent = row.int(17)
        settings.maxFileSize = ByteCount(row.int64(18))
        settings.quota = ByteCount(row.int64(19))
        settings.maxFilesPerDay = row.int(20)
        settings.retentionDays = row.int(21)
        settings.maxSessions = row.int(22)
        return Account(
            username: row.string(0), institutionID: try InstitutionID(row.string(1)),
            environment: Environment(rawValue: row.string(2)) ?? .production,
            folders: FolderLayout(
                outbound: row.string(3), archive: row.string(4), inbound: row.string(5), validate: row.string(6),
                results: row.string(7)),
            settings: settings, createdAt: row.date(23))
    }

    static func encodeDays(_ days: [Weekday]) -> String {
        days.map(\.shortName).joined(separator: ",")
    }
}
