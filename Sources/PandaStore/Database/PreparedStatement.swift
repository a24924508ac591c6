/// A statement prepared once and run many times with new arguments: the bulk path of the importer.
///
/// Arguments are bound by position (1-based, as `?` placeholders are numbered); result columns are read by
/// position (0-based). Text is compared in place (`textEquals`) so checking a stored row for changes
/// allocates nothing. Use within one `read`/`write` closure only; always `reset()` after use.
public protocol PreparedStatement: AnyObject {
    func bind(_ value: Int64, at index: Int32)
    /// Binds text, or NULL for nil.
    func bind(_ text: String?, at index: Int32)
    /// Runs one step; true when a result row is available.
    func step() throws -> Bool
    /// Makes the statement ready to run again (bindings are replaced by the next `bind` calls).
    func reset()
    /// Rows changed by the last completed `step()` of an INSERT, UPDATE or DELETE.
    var changes: Int { get }
    func isNull(at column: Int32) -> Bool
    func int64(at column: Int32) -> Int64
    func text(at column: Int32) -> String
    /// Whether the column equals `text` (nil matches NULL), without copying the column.
    func textEquals(_ text: String?, at column: Int32) -> Bool
    /// Calls `body` with the column's text as UTF-8 bytes, valid only during the call.
    func withBytes<Result>(at column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result
}

/// A connection that prepares `PreparedStatement`s itself (the SQLite driver does).
public protocol StatementPreparing {
    func preparedStatement(_ sql: String) throws -> any PreparedStatement
}

extension SQLConnection {
    /// A prepared statement for `sql`: the driver's own when it has one, else one built on
    /// `execute`/`forEach` (correct, not fast), so every `Database` supports the bulk path.
    public func prepared(_ sql: String) throws -> any PreparedStatement {
        if let preparing = self as? any StatementPreparing { return try preparing.preparedStatement(sql) }
        return BufferedPreparedStatement(connection: self, sql: sql)
    }
}

/// The portable fallback: collects bindings, runs the statement on the first `step()` and buffers its rows.
final class BufferedPreparedStatement: PreparedStatement {
    private let connection: any SQLConnection
    private let sql: String
    private var arguments: [SQLValue] = []
    private var rows: [SQLRow]?
    private var position = -1
    private(set) var changes = 0

    init(connection: any SQLConnection, sql: String) {
        self.connection = connection
        self.sql = sql
    }

    func bind(_ value: Int64, at index: Int32) { set(.integer(value), at: index) }

    func bind(_ text: String?, at index: Int32) { set(text.map(SQLValue.text) ?? .null, at: index) }

    private func set(_ value: SQLValue, at index: Int32) {
        let offset = Int(index) - 1
        while arguments.count <= offset { arguments.append(.null) }
        arguments[offset] = value
    }

    func step() throws -> Bool {
        if rows == nil {
            var collected: [SQLRow] = []
            let lowered = sql.drop { $0 == " " || $0 == "\n" }.prefix(6).lowercased()
            if lowered == "select" {
                try connection.forEach(sql, arguments) { collected.append($0) }
            } else {
                changes = try connection.execute(sql, arguments)
            }
            rows = collected
            position = -1
        }
        position += 1
        return position < rows!.count
    }

    func reset() {
        rows = nil
        position = -1
    }

    private var row: SQLRow { rows![position] }

    func isNull(at column: Int32) -> Bool { row[Int(column)] == .null }
    func int64(at column: Int32) -> Int64 { row.int64(Int(column)) }
    func text(at column: Int32) -> String { row.string(Int(column)) }

    func textEquals(_ text: String?, at column: Int32) -> Bool {
        guard let text else { return isNull(at: column) }
        return !isNull(at: column) && row.string(Int(column)) == text
    }

    func withBytes<Result>(at column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try Array(text(at: column).utf8).withUnsafeBufferPointer(body)
    }
}
