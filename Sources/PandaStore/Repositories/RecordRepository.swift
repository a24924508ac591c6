import Foundation

/// Reads an account's records (users, property values, programs, memberships) with their provenance, and
/// the sets an import checks rows against.
public struct RecordRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func users(account: String) throws -> [ProvenancedRecord<StoredUser>] {
        try database.read { db in
            try db.query(
                """
                SELECT user_id, username, first_name, last_name, email, user_type, user_status,
                    file_id, line, cycle_day, changed_at
                FROM users WHERE account = ? ORDER BY user_id
                """, account
            ).map { row in
                ProvenancedRecord(
                    StoredUser(
                        userID: row.string(0), username: row.optionalString(1), firstName: row.string(2),
                        lastName: row.string(3), email: row.optionalString(4), userType: row.int(5),
                        userStatus: row.int(6)),
                    Self.provenance(row, from: 7))
            }
        }
    }

    public func propertyValues(account: String) throws -> [ProvenancedRecord<StoredPropertyValue>] {
        try database.read { db in
            try db.query(
                """
                SELECT key_id, key_label, value_id, value_label, file_id, line, cycle_day, changed_at
                FROM property_values WHERE account = ? ORDER BY key_id, value_id
                """, account
            ).map { row in
                ProvenancedRecord(
                    StoredPropertyValue(
                        keyID: row.string(0), keyLabel: row.string(1), valueID: row.string(2),
                        valueLabel: row.string(3)),
                    Self.provenance(row, from: 4))
            }
        }
    }

    public func userProperties(account: String) throws -> [ProvenancedRecord<StoredUserProperty>] {
        try database.read { db in
            try db.query(
                """
                SELECT user_id, key_id, value_id, file_id, line, cycle_day, changed_at
                FROM user_properties WHERE account = ? ORDER BY user_id, key_id
                """, account
            ).map { row in
                ProvenancedRecord(
                    StoredUserProperty(userID: row.string(0), keyID: row.string(1), valueID: row.string(2)),
                    Self.provenance(row, from: 3))
            }
        }
    }

    public func programs(account: String) throws -> [ProvenancedRecord<StoredProgram>] {
        try database.read { db in
            try db.query(
                """
                SELECT program_id, program_code, title, description, file_id, line, cycle_day, changed_at
                FROM programs WHERE account = ? ORDER BY program_id
                """, account
            ).map { row in
                ProvenancedRecord(
                    StoredProgram(
                        programID: row.string(0), code: row.optionalString(1), title: row.string(2),
                        description: row.optionalString(3)),
                    Self.provenance(row, from: 4))
            }
        }
    }

    public func memberships(account: String) throws -> [ProvenancedRecord<StoredMembership>] {
        try database.read { db in
            try db.query(
                """
                SELECT user_id, program_id, file_id, line, cycle_day, changed_at
                FROM program_members WHERE account = ? ORDER BY user_id, program_id
                """, account
            ).map { row in
                ProvenancedRecord(
                    StoredMembership(userID: row.string(0), programID: row.string(1)), Self.provenance(row, from: 2))
            }
        }
    }

    private static func provenance(_ row: SQLRow, from index: Int) -> RecordProvenance {
        RecordProvenance(
            fileID: row.int64(index), line: row.int(index + 1), cycleDay: row.string(index + 2),
            changedAt: row.date(index + 3))
    }

    // MARK: - What an import checks rows against (read inside the importer's transaction)

    /// Users with UserStatus 1 (active): what the safety threshold is a share of.
    public static func activeStudentCount(account: String, in db: any SQLConnection) throws -> Int {
        try db.queryOne("SELECT COUNT(*) FROM users WHERE account = ? AND user_status = 1", account)?.int(0) ?? 0
    }

    /// Students with at least one program membership: what the threshold for ending memberships is a share
    /// of when the records hold no active students yet (memberships loaded before any user file).
    public static func studentsWithMemberships(account: String, in db: any SQLConnection) throws -> Int {
        try db.queryOne("SELECT COUNT(DISTINCT user_id) FROM program_members WHERE account = ?", account)?.int(0) ?? 0
    }

    /// Calls `body` with each UserID (UTF-8) of the account's current roster (students.csv): what an
    /// automated upload may change. Read without building strings: a roster can hold a million students.
    public static func forEachRosterStudent(
        account: String, in db: any SQLConnection, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        try forEachText("SELECT student_id FROM roster WHERE account = ?", arguments: 1, account: account, in: db, body)
    }

    /// Calls `body` with each UserID known to the account: on any of its rosters so far, or in its records
    /// (what a manual import may change). An ID may come twice.
    public static func forEachKnownStudent(
        account: String, in db: any SQLConnection, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        try forEachText(
            "SELECT student_id FROM known_students WHERE account = ? UNION ALL SELECT user_id FROM users WHERE account = ?",
            arguments: 2, account: account, in: db, body)
    }

    /// How many records of `kind` the account has (to size what is loaded).
    public static func count(of kind: FingerprintedRecords, account: String, in db: any SQLConnection) throws -> Int {
        try db.queryOne("SELECT COUNT(*) FROM \(kind.table) WHERE account = ?", account)?.int(0) ?? 0
    }

    /// How many students are on the account's roster (to size what is loaded).
    public static func rosterCount(account: String, in db: any SQLConnection) throws -> Int {
        try db.queryOne("SELECT COUNT(*) FROM roster WHERE account = ?", account)?.int(0) ?? 0
    }

    /// Calls `body` with the key (one or two columns, UTF-8) and the stored fingerprint of every record of
    /// `kind` of the account, read without building strings.
    public static func forEachFingerprint(
        of kind: FingerprintedRecords, account: String, in db: any SQLConnection,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?, Int64) -> Void
    ) throws {
        let columns = kind.keyColumns
        let statement = try db.prepared(
            "SELECT \(columns.joined(separator: ", ")), row_hash FROM \(kind.table) WHERE account = ?")
        defer { statement.reset() }
        statement.bind(account, at: 1)
        while try statement.step() {
            let hash = statement.int64(at: Int32(columns.count))
            statement.withBytes(at: 0) { first in
                if columns.count == 1 {
                    body(first, nil, hash)
                } else {
                    statement.withBytes(at: 1) { second in body(first, second, hash) }
                }
            }
        }
    }

    /// A cursor over the keys of the account's records of `kind`, whose value is the stored fingerprint: for
    /// an account with too many records to load (`forEachFingerprint`).
    public static func fingerprintCursor(
        of kind: FingerprintedRecords, account: String, in db: any SQLConnection
    ) throws -> KeyCursor {
        let columns = kind.keyColumns
        let placeholders = columns.map { _ in "?" }.joined(separator: ", ")
        let key = columns.joined(separator: ", ")
        let range = columns.count == 1 ? "\(key) >= ?" : "(\(key)) >= (\(placeholders))"
        let statement = try db.prepared(
            "SELECT \(key), row_hash FROM \(kind.table) WHERE account = ? AND \(range) ORDER BY \(key)")
        return KeyCursor(statement: statement, account: account, keyColumns: columns.count, hasValue: true)
    }

    /// A cursor over the account's current roster: for a roster too large to load (`forEachRosterStudent`).
    public static func rosterCursor(account: String, in db: any SQLConnection) throws -> KeyCursor {
        let statement = try db.prepared(
            "SELECT student_id FROM roster WHERE account = ? AND student_id >= ? ORDER BY student_id")
        return KeyCursor(statement: statement, account: account, keyColumns: 1, hasValue: false)
    }

    /// Cursors over the students known to the account (`forEachKnownStudent`): on a roster so far, or in its
    /// records. A UserID is known when either cursor finds it.
    public static func knownStudentCursors(account: String, in db: any SQLConnection) throws -> [KeyCursor] {
        let listed = try db.prepared(
            "SELECT student_id FROM known_students WHERE account = ? AND student_id >= ? ORDER BY student_id")
        let recorded = try db.prepared(
            "SELECT user_id FROM users WHERE account = ? AND user_id >= ? ORDER BY user_id")
        return [
            KeyCursor(statement: listed, account: account, keyColumns: 1, hasValue: false),
            KeyCursor(statement: recorded, account: account, keyColumns: 1, hasValue: false),
        ]
    }

    /// How many students are known to the account, at most (a student may be on a roster and in the records).
    public static func knownStudentCount(account: String, in db: any SQLConnection) throws -> Int {
        let listed = try db.queryOne("SELECT COUNT(*) FROM known_students WHERE account = ?", account)?.int(0) ?? 0
        let recorded = try db.queryOne("SELECT COUNT(*) FROM users WHERE account = ?", account)?.int(0) ?? 0
        return listed + recorded
    }

    /// Defined property values (ValueIDs per KeyID) and programs.
    public static func definitions(account: String, in db: any SQLConnection) throws -> (
        propertyValues: [String: Set<String>], programs: Set<String>
    ) {
        var values: [String: Set<String>] = [:]
        try db.forEach("SELECT key_id, value_id FROM property_values WHERE account = ?", [account]) {
            values[$0.string(0), default: []].insert($0.string(1))
        }
        let programs = try strings(
            "SELECT program_id FROM programs WHERE account = ?", arguments: 1, account: account, in: db)
        return (values, programs)
    }

    /// The first column of a query whose every argument is the account, as bytes.
    private static func forEachText(
        _ sql: String, arguments: Int32, account: String, in db: any SQLConnection,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        let statement = try db.prepared(sql)
        defer { statement.reset() }
        for index in 1...arguments { statement.bind(account, at: index) }
        while try statement.step() { statement.withBytes(at: 0, body) }
    }

    private static func strings(
        _ sql: String, arguments: Int32, account: String, in db: any SQLConnection
    ) throws -> Set<String> {
        var result = Set<String>()
        try forEachText(sql, arguments: arguments, account: account, in: db) {
            result.insert(String(decoding: $0, as: UTF8.self))
        }
        return result
    }
}

/// The records whose rows carry a fingerprint (`row_hash`), with their key columns in key order.
public enum FingerprintedRecords: Sendable, CaseIterable {
    case users, propertyValues, userProperties, programs

    var table: String {
        switch self {
        case .users: "users"
        case .propertyValues: "property_values"
        case .userProperties: "user_properties"
        case .programs: "programs"
        }
    }

    var keyColumns: [String] {
        switch self {
        case .users: ["user_id"]
        case .propertyValues: ["key_id", "value_id"]
        case .userProperties: ["user_id", "key_id"]
        case .programs: ["program_id"]
        }
    }
}
