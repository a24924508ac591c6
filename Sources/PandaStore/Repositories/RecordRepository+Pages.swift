import Foundation

/// One user with what the records hold about them: property values (with labels) and program memberships,
/// each with its provenance. What the admin API serves to the rest of the platform.
public struct UserRecordDetail: Sendable, Equatable {
    public var user: ProvenancedRecord<StoredUser>
    public var properties: [ProvenancedRecord<StoredUserProperty>]
    /// Labels of the user's property values by `KeyID/ValueID`.
    public var propertyLabels: [String: StoredPropertyValue]
    public var memberships: [ProvenancedRecord<StoredMembership>]
    /// Titles of the user's programs by ProgramID.
    public var programTitles: [String: String]
}

extension RecordRepository {
    /// Up to `limit` users of `account` in UserID order, after `afterUserID` when given, with their property
    /// values and memberships (read with range queries over the page, never the whole account).
    public func userPage(account: String, afterUserID: String?, limit: Int) throws -> [UserRecordDetail] {
        try database.read { db in
            let users = try db.query(
                Self.userSelect + " WHERE account = ? AND (? IS NULL OR user_id > ?) ORDER BY user_id LIMIT ?",
                account, afterUserID, afterUserID, limit
            ).map(Self.user(from:))
            guard let first = users.first?.record.userID, let last = users.last?.record.userID else { return [] }
            return try Self.details(for: users, account: account, from: first, through: last, in: db)
        }
    }

    /// One user of `account` with their property values and memberships, or nil.
    public func user(account: String, userID: String) throws -> UserRecordDetail? {
        try database.read { db in
            guard
                let user = try db.queryOne(Self.userSelect + " WHERE account = ? AND user_id = ?", account, userID)
                    .map(Self.user(from:))
            else { return nil }
            return try Self.details(for: [user], account: account, from: userID, through: userID, in: db).first
        }
    }

    /// How many users the account's records hold.
    public func userCount(account: String) throws -> Int {
        try database.read { db in
            try db.queryOne("SELECT COUNT(*) FROM users WHERE account = ?", account)?.int(0) ?? 0
        }
    }

    private static let userSelect = """
        SELECT user_id, username, first_name, last_name, email, user_type, user_status, file_id, line, cycle_day,
            changed_at
        FROM users
        """

    private static func user(from row: SQLRow) -> ProvenancedRecord<StoredUser> {
        ProvenancedRecord(
            StoredUser(
                userID: row.string(0), username: row.optionalString(1), firstName: row.string(2),
                lastName: row.string(3), email: row.optionalString(4), userType: row.int(5), userStatus: row.int(6)),
            provenance(row, at: 7))
    }

    private static func provenance(_ row: SQLRow, at index: Int) -> RecordProvenance {
        RecordProvenance(
            fileID: row.int64(index), line: row.int(index + 1), cycleDay: row.string(index + 2),
            changedAt: row.date(index + 3))
    }

    private static func details(
        for users: [ProvenancedRecord<StoredUser>], account: String, from first: String, through last: String,
        in db: any SQLConnection
    ) throws -> [UserRecordDetail] {
        var properties: [String: [ProvenancedRecord<StoredUserProperty>]] = [:]
        var labels: [String: StoredPropertyValue] = [:]
        try db.forEach(
            """
            SELECT p.user_id, p.key_id, p.value_id, p.file_id, p.line, p.cycle_day, p.changed_at, v.key_label,
                v.value_label
            FROM user_properties p
            LEFT JOIN property_values v ON v.account = p.account AND v.key_id = p.key_id AND v.value_id = p.value_id
            WHERE p.account = ? AND p.user_id >= ? AND p.user_id <= ? ORDER BY p.user_id, p.key_id
            """, [account, first, last]
        ) { row in
            let property = StoredUserProperty(userID: row.string(0), keyID: row.string(1), valueID: row.string(2))
            properties[property.userID, default: []].append(ProvenancedRecord(property, provenance(row, at: 3)))
            if let keyLabel = row.optionalString(7) {
                labels[property.keyID + "/" + property.valueID] = StoredPropertyValue(
                    keyID: property.keyID, keyLabel: keyLabel, valueID: property.valueID,
                    valueLabel: row.optionalString(8) ?? "")
            }
        }
        var memberships: [String: [ProvenancedRecord<StoredMembership>]] = [:]
        var titles: [String: String] = [:]
        try db.forEach(
            """
            SELECT m.user_id, m.program_id, m.file_id, m.line, m.cycle_day, m.changed_at, p.title
            FROM program_members m
            LEFT JOIN programs p ON p.account = m.account AND p.program_id = m.program_id
            WHERE m.account = ? AND m.user_id >= ? AND m.user_id <= ? ORDER BY m.user_id, m.program_id
            """, [account, first, last]
        ) { row in
            let membership = StoredMembership(userID: row.string(0), programID: row.string(1))
            memberships[membership.userID, default: []].append(ProvenancedRecord(membership, provenance(row, at: 2)))
            if let title = row.optionalString(6) { titles[membership.programID] = title }
        }
        return users.map { user in
            let id = user.record.userID
            let own = properties[id] ?? []
            let programs = memberships[id] ?? []
            return UserRecordDetail(
                user: user, properties: own,
                propertyLabels: labels.filter { key, _ in
                    own.contains { $0.record.keyID + "/" + $0.record.valueID == key }
                },
                memberships: programs,
                programTitles: titles.filter { key, _ in programs.contains { $0.record.programID == key } })
        }
    }
}
