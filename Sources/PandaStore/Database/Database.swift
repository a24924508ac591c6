/// The storage seam: everything above it speaks portable SQL through these protocols, so a PostgreSQL
/// driver can be added beside SQLite without touching callers.
///
/// Portable SQL here means: `?` placeholders (a PostgreSQL driver rewrites them to `$n`), `INSERT …
/// ON CONFLICT … DO UPDATE/NOTHING` for upserts, integer milliseconds for time, `TEXT` for strings, no
/// SQLite-only functions in repositories.
public protocol Database: Sendable {
    /// Runs `body` on a read-only connection; reads see one consistent snapshot.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T

    /// Runs `body` in one write transaction, serialized with every other writer (in this process and
    /// in others sharing the database); committed when `body` returns, rolled back when it throws.
    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
}

/// A connection lent for the duration of a `read` or `write` closure; never keep it beyond that.
public protocol SQLConnection {
    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int

    /// Runs a query and calls `body` for each row, without collecting them (for large results).
    func forEach(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws

    /// The row id of the last insert on this connection.
    var lastInsertID: Int64 { get }
}

extension SQLConnection {
    @discardableResult
    public func execute(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        try execute(sql, arguments)
    }

    /// All rows of a query.
    public func query(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEach(sql, arguments) { rows.append($0) }
        return rows
    }

    public func query(_ sql: String, _ arguments: any SQLBindable...) throws -> [SQLRow] {
        try query(sql, arguments)
    }

    /// The first row of a query, if any.
    public func queryOne(_ sql: String, _ arguments: any SQLBindable...) throws -> SQLRow? {
        var first: SQLRow?
        try forEach(sql, arguments) { row in
            if first == nil { first = row }
        }
        return first
    }
}
