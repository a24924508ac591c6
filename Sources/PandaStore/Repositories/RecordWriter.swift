import Foundation

/// Writes one file's rows into an account's records, inside the importer's write transaction.
///
/// Each row is looked up by its key and compared in place: a new key is inserted, a changed record is
/// updated with the row's provenance, an identical one is left alone (no write, so re-sending unchanged
/// data is cheap). Statements are prepared once per file and the account is bound once.
public final class RecordWriter {
    private let connection: any SQLConnection
    private let account: String
    private let fileID: Int64
    private let cycleDay: String
    private let changedAt: Int64
    private var statements: [String: any PreparedStatement] = [:]
    private var statementsByAddress: [UInt: any PreparedStatement] = [:]
    private var expectsNewUsers = true
    // The statements of every user row, kept at hand (the hot path of a large user file).
    private var insertNewUser: (any PreparedStatement)?
    private var lookupUser: (any PreparedStatement)?

    /// - Parameters:
    ///   - fileID: the ledger id of the file being applied (`FileLedgerRepository.nextID`).
    ///   - cycleDay: the account-local day, `YYYY-MM-DD`.
    public init(connection: any SQLConnection, account: String, fileID: Int64, cycleDay: String, at date: Date) {
        self.connection = connection
        self.account = account
        self.fileID = fileID
        self.cycleDay = cycleDay
        self.changedAt = date.millisecondsSince1970
    }

    // MARK: - Rows

    /// Writes a user; `deactivated` is true when an active user (status 1) becomes inactive (2 or 3).
    /// `fingerprint` identifies the stored fields (kept as `row_hash`, see `RecordFingerprint`).
    ///
    /// Files are mostly new users (a first import) or mostly known ones (the daily file), so the writer
    /// follows the last row: after a new user it tries the insert first (one statement when it is new),
    /// after a known one it looks up first (one statement when it is unchanged).
    public func write(_ user: StoredUser, fingerprint: Int64, line: Int) throws -> (
        change: RecordChange, deactivated: Bool
    ) {
        if expectsNewUsers {
            let insert = try insertNewUser ?? statement(Self.insertNewUser)
            insertNewUser = insert
            try run(insert, user, fingerprint: fingerprint, line: line, from: 2)
            if insert.changes == 1 { return (.created, false) }
            expectsNewUsers = false
        }
        let lookup = try lookupUser ?? statement(Self.selectUser)
        lookupUser = lookup
        lookup.bind(user.userID, at: 2)
        defer { lookup.reset() }
        guard try lookup.step() else {
            lookup.reset()
            try run(try statement(Self.insertUser), user, fingerprint: fingerprint, line: line, from: 2)
            expectsNewUsers = true
            return (.created, false)
        }
        let oldStatus = lookup.int64(at: 5)
        let same =
            lookup.textEquals(user.username, at: 0) && lookup.textEquals(user.firstName, at: 1)
            && lookup.textEquals(user.lastName, at: 2) && lookup.textEquals(user.email, at: 3)
            && lookup.int64(at: 4) == Int64(user.userType) && oldStatus == Int64(user.userStatus)
        if same {
            if lookup.int64(at: 6) != fingerprint {
                lookup.reset()
                try refresh("users", keys: ["user_id"], [user.userID], fingerprint: fingerprint)
            }
            return (.unchanged, false)
        }
        lookup.reset()
        let update = try statement(
            """
            UPDATE users SET username = ?, first_name = ?, last_name = ?, email = ?, user_type = ?, user_status = ?,
                row_hash = ?, file_id = ?, line = ?, cycle_day = ?, changed_at = ?
            WHERE user_id = ? AND account = ?
            """, accountAt: 13)
        try run(update, user, fingerprint: fingerprint, line: line, from: 1)
        return (.updated, oldStatus == 1 && (user.userStatus == 2 || user.userStatus == 3))
    }

    private static let insertUser: StaticString = """
        INSERT INTO users (account, username, first_name, last_name, email, user_type, user_status, row_hash,
            file_id, line, cycle_day, changed_at, user_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let selectUser: StaticString = """
        SELECT username, first_name, last_name, email, user_type, user_status, row_hash FROM users
        WHERE account = ? AND user_id = ?
        """
    private static let insertNewUser: StaticString = """
        INSERT INTO users (account, username, first_name, last_name, email, user_type, user_status, row_hash,
            file_id, line, cycle_day, changed_at, user_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (account, user_id) DO NOTHING
        """

    /// Binds a user's columns in the order shared by the insert and the update, and runs the statement.
    private func run(
        _ statement: any PreparedStatement, _ user: StoredUser, fingerprint: Int64, line: Int, from first: Int32
    ) throws {
        statement.bind(user.username, at: first)
        statement.bind(user.firstName, at: first + 1)
        statement.bind(user.lastName, at: first + 2)
        statement.bind(user.email, at: first + 3)
        statement.bind(Int64(user.userType), at: first + 4)
        statement.bind(Int64(user.userStatus), at: first + 5)
        bindProvenance(statement, fingerprint: fingerprint, line: line, at: first + 6)
        statement.bind(user.userID, at: first + 11)
        defer { statement.reset() }
        _ = try statement.step()
    }

    public func write(_ value: StoredPropertyValue, fingerprint: Int64, line: Int) throws -> RecordChange {
        let lookup = try statement(
            """
            SELECT key_label, value_label, row_hash FROM property_values
            WHERE account = ? AND key_id = ? AND value_id = ?
            """)
        lookup.bind(value.keyID, at: 2)
        lookup.bind(value.valueID, at: 3)
        defer { lookup.reset() }
        let exists = try lookup.step()
        if exists && lookup.textEquals(value.keyLabel, at: 0) && lookup.textEquals(value.valueLabel, at: 1) {
            if lookup.int64(at: 2) != fingerprint {
                lookup.reset()
                try refresh(
                    "property_values", keys: ["key_id", "value_id"], [value.keyID, value.valueID],
                    fingerprint: fingerprint)
            }
            return .unchanged
        }
        lookup.reset()
        let write =
            exists
            ? try statement(
                """
                UPDATE property_values SET key_label = ?, value_label = ?, row_hash = ?, file_id = ?, line = ?,
                    cycle_day = ?, changed_at = ?
                WHERE key_id = ? AND value_id = ? AND account = ?
                """, accountAt: 10)
            : try statement(
                """
                INSERT INTO property_values (key_label, value_label, row_hash, file_id, line, cycle_day, changed_at,
                    key_id, value_id, account)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, accountAt: 10)
        write.bind(value.keyLabel, at: 1)
        write.bind(value.valueLabel, at: 2)
        try finish(write, fingerprint: fingerprint, line: line, provenanceAt: 3, keys: [value.keyID, value.valueID])
        return exists ? .updated : .created
    }

    public func write(_ property: StoredUserProperty, fingerprint: Int64, line: Int) throws -> RecordChange {
        let lookup = try statement(
            "SELECT value_id, row_hash FROM user_properties WHERE account = ? AND user_id = ? AND key_id = ?")
        lookup.bind(property.userID, at: 2)
        lookup.bind(property.keyID, at: 3)
        defer { lookup.reset() }
        let exists = try lookup.step()
        if exists && lookup.textEquals(property.valueID, at: 0) {
            if lookup.int64(at: 1) != fingerprint {
                lookup.reset()
                try refresh(
                    "user_properties", keys: ["user_id", "key_id"], [property.userID, property.keyID],
                    fingerprint: fingerprint)
            }
            return .unchanged
        }
        lookup.reset()
        let write =
            exists
            ? try statement(
                """
                UPDATE user_properties SET value_id = ?, row_hash = ?, file_id = ?, line = ?, cycle_day = ?,
                    changed_at = ?
                WHERE user_id = ? AND key_id = ? AND account = ?
                """, accountAt: 9)
            : try statement(
                """
                INSERT INTO user_properties (value_id, row_hash, file_id, line, cycle_day, changed_at, user_id, key_id,
                    account)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, accountAt: 9)
        write.bind(property.valueID, at: 1)
        try finish(
            write, fingerprint: fingerprint, line: line, provenanceAt: 2, keys: [property.userID, property.keyID])
        return exists ? .updated : .created
    }

    public func write(_ program: StoredProgram, fingerprint: Int64, line: Int) throws -> RecordChange {
        let lookup = try statement(
            "SELECT program_code, title, description, row_hash FROM programs WHERE account = ? AND program_id = ?")
        lookup.bind(program.programID, at: 2)
        defer { lookup.reset() }
        let exists = try lookup.step()
        if exists && lookup.textEquals(program.code, at: 0) && lookup.textEquals(program.title, at: 1)
            && lookup.textEquals(program.description, at: 2)
        {
            if lookup.int64(at: 3) != fingerprint {
                lookup.reset()
                try refresh("programs", keys: ["program_id"], [program.programID], fingerprint: fingerprint)
            }
            return .unchanged
        }
        lookup.reset()
        let write =
            exists
            ? try statement(
                """
                UPDATE programs SET program_code = ?, title = ?, description = ?, row_hash = ?, file_id = ?, line = ?,
                    cycle_day = ?, changed_at = ?
                WHERE program_id = ? AND account = ?
                """, accountAt: 10)
            : try statement(
                """
                INSERT INTO programs (program_code, title, description, row_hash, file_id, line, cycle_day, changed_at,
                    program_id, account)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, accountAt: 10)
        write.bind(program.code, at: 1)
        write.bind(program.title, at: 2)
        write.bind(program.description, at: 3)
        try finish(write, fingerprint: fingerprint, line: line, provenanceAt: 4, keys: [program.programID])
        return exists ? .updated : .created
    }

    /// Stores the fingerprint of an unchanged record whose stored one differs (written before fingerprints,
    /// or by another version of them), so the next identical row is recognized without validation.
    private func refresh(_ table: String, keys: [String], _ values: [String], fingerprint: Int64) throws {
        let condition = keys.map { "\($0) = ?" }.joined(separator: " AND ")
        let update = try statement(
            text: "UPDATE \(table) SET row_hash = ? WHERE \(condition) AND account = ?",
            accountAt: Int32(keys.count + 2))
        update.bind(fingerprint, at: 1)
        for (offset, value) in values.enumerated() { update.bind(value, at: Int32(offset + 2)) }
        defer { update.reset() }
        _ = try update.step()
    }

    /// Records that this file lists the membership: created when new, else unchanged (and marked as listed,
    /// so `endUnlistedMemberships` keeps it).
    public func write(_ membership: StoredMembership, line: Int) throws -> RecordChange {
        let mark = try statement(
            "UPDATE program_members SET listed_file_id = ? WHERE user_id = ? AND program_id = ? AND account = ?",
            accountAt: 4)
        mark.bind(fileID, at: 1)
        mark.bind(membership.userID, at: 2)
        mark.bind(membership.programID, at: 3)
        defer { mark.reset() }
        _ = try mark.step()
        if mark.changes > 0 { return .unchanged }
        let insert = try statement(
            """
            INSERT INTO program_members (listed_file_id, file_id, line, cycle_day, changed_at, user_id, program_id,
                account)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, accountAt: 8)
        insert.bind(fileID, at: 1)
        bindProvenance(insert, line: line, at: 2)
        insert.bind(membership.userID, at: 6)
        insert.bind(membership.programID, at: 7)
        defer { insert.reset() }
        _ = try insert.step()
        return .created
    }

    /// Ends the memberships of students this file listed that the file did not list (a `programuser` file
    /// is authoritative for its students); returns how many memberships ended and how many students lost one.
    public func endUnlistedMemberships() throws -> (memberships: Int, students: Int) {
        let condition = """
            account = ? AND listed_file_id <> ? AND user_id IN (
                SELECT user_id FROM program_members WHERE account = ? AND listed_file_id = ?)
            """
        let arguments: [any SQLBindable] = [account, fileID, account, fileID]
        let students =
            try connection.query("SELECT COUNT(DISTINCT user_id) FROM program_members WHERE " + condition, arguments)
            .first?.int(0) ?? 0
        let memberships = try connection.execute("DELETE FROM program_members WHERE " + condition, arguments)
        return (memberships, students)
    }

    // MARK: - Statement plumbing

    /// The statement for `sql`, prepared on first use with the account bound at `accountAt` (bindings
    /// survive `reset()`, so the account is bound once per file).
    ///
    /// Looked up by the literal's address, not its text: hashing the SQL for every row cost more than binding.
    private func statement(_ sql: StaticString, accountAt index: Int32 = 1) throws -> any PreparedStatement {
        let key = UInt(bitPattern: sql.utf8Start)
        if let prepared = statementsByAddress[key] { return prepared }
        let prepared = try statement(text: sql.description, accountAt: index)
        statementsByAddress[key] = prepared
        return prepared
    }

    /// The statement for SQL built at run time (rare paths), cached by its text.
    private func statement(text sql: String, accountAt index: Int32 = 1) throws -> any PreparedStatement {
        if let prepared = statements[sql] { return prepared }
        let prepared = try connection.prepared(sql)
        prepared.bind(account, at: index)
        statements[sql] = prepared
        return prepared
    }

    /// Binds the provenance (file, line, day, time) from `index` on.
    private func bindProvenance(_ statement: any PreparedStatement, line: Int, at index: Int32) {
        statement.bind(fileID, at: index)
        statement.bind(Int64(line), at: index + 1)
        statement.bind(cycleDay, at: index + 2)
        statement.bind(changedAt, at: index + 3)
    }

    /// Binds the fingerprint and then the provenance from `index` on.
    private func bindProvenance(_ statement: any PreparedStatement, fingerprint: Int64, line: Int, at index: Int32) {
        statement.bind(fingerprint, at: index)
        bindProvenance(statement, line: line, at: index + 1)
    }

    /// Binds the fingerprint and provenance from `provenanceAt` and the key columns right after them, then
    /// runs the write.
    private func finish(
        _ statement: any PreparedStatement, fingerprint: Int64, line: Int, provenanceAt index: Int32, keys: [String]
    ) throws {
        bindProvenance(statement, fingerprint: fingerprint, line: line, at: index)
        for (offset, key) in keys.enumerated() { statement.bind(key, at: index + 5 + Int32(offset)) }
        defer { statement.reset() }
        _ = try statement.step()
    }
}
