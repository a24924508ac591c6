import CSQLite
import Foundation

extension SQLiteConnection: StatementPreparing {
    func preparedStatement(_ sql: String) throws -> any PreparedStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError.database(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        return SQLitePreparedStatement(statement: statement, database: handle, sql: sql)
    }
}

/// A `sqlite3_stmt` owned by the caller (finalized in `deinit`), bound and read without `SQLValue`s.
final class SQLitePreparedStatement: PreparedStatement {
    private let statement: OpaquePointer
    private let database: OpaquePointer
    private let sql: String
    /// One buffer per parameter: text is copied here and bound without SQLite copying it again
    /// (`SQLITE_STATIC`), which saves a malloc, a free and SQLite's allocator mutex per value. A buffer
    /// is only rewritten when its own parameter is bound again, so every binding stays valid until then.
    private let buffers: UnsafeMutablePointer<UnsafeMutableRawBufferPointer>
    private let bufferCount: Int

    init(statement: OpaquePointer, database: OpaquePointer, sql: String) {
        self.statement = statement
        self.database = database
        self.sql = sql
        bufferCount = Int(sqlite3_bind_parameter_count(statement)) + 1
        buffers = .allocate(capacity: bufferCount)
        buffers.initialize(repeating: UnsafeMutableRawBufferPointer(start: nil, count: 0), count: bufferCount)
    }

    deinit {
        sqlite3_finalize(statement)
        for index in 0..<bufferCount { buffers[index].deallocate() }
        buffers.deallocate()
    }

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(statement, index, value)
    }

    func bind(_ text: String?, at index: Int32) {
        guard var text else {
            sqlite3_bind_null(statement, index)
            return
        }
        let slot = Int(index)
        guard slot > 0 && slot < bufferCount else {
            // Out of range: let SQLite report SQLITE_RANGE on the next step.
            sqlite3_bind_text(statement, index, "", 0, panda_sqlite_transient())
            return
        }
        text.withUTF8 { bytes in
            if buffers[slot].count < bytes.count + 1 {
                buffers[slot].deallocate()
                buffers[slot] = .allocate(byteCount: max(64, (bytes.count + 1).nextPowerOfTwo), alignment: 8)
            }
            let target = buffers[slot].baseAddress!
            if let base = bytes.baseAddress, bytes.count > 0 { target.copyMemory(from: base, byteCount: bytes.count) }
            target.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
            _ = sqlite3_bind_text(
                statement, index, target.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        }
    }

    func step() throws -> Bool {
        let rc = sqlite3_step(statement)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        // The statement text is safe to report; its bound values (personal data) are not.
        throw StoreError.database(code: rc, message: String(cString: sqlite3_errmsg(database)), sql: sql)
    }

    func reset() {
        sqlite3_reset(statement)
    }

    var changes: Int { Int(sqlite3_changes(database)) }

    func isNull(at column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func int64(at column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func text(at column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func withBytes<Result>(at column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard let bytes = sqlite3_column_text(statement, column) else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeBufferPointer(start: bytes, count: count))
    }

    func textEquals(_ text: String?, at column: Int32) -> Bool {
        guard var text else { return isNull(at: column) }
        guard !isNull(at: column) else { return false }
        let stored = sqlite3_column_text(statement, column)
        let count = Int(sqlite3_column_bytes(statement, column))
        return text.withUTF8 { bytes in
            guard bytes.count == count else { return false }
            guard count > 0, let stored, let base = bytes.baseAddress else { return true }
            return memcmp(stored, base, count) == 0
        }
    }
}

extension Int {
    /// The smallest power of two not below `self` (for buffer sizes).
    fileprivate var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
