import CSQLite
import Foundation
import Synchronization

/// The default `Database`: one SQLite file in WAL mode, shared safely by the server and CLI processes.
///
/// - One writer connection, used under a lock, so writes in this process are serialized; writes of
///   other processes are serialized by `BEGIN IMMEDIATE` and the busy timeout (no "database is locked"
///   under normal contention).
/// - A small pool of read-only connections for concurrent readers (WAL lets them run during writes).
public final class SQLiteDatabase: Database {
    public let path: String

    /// How long a writer waits for another process's write transaction before failing.
    public static let busyTimeoutMilliseconds: Int32 = 60_000

    // Invariant: each connection is used by at most one thread at a time: the writer only while the
    // `writer` mutex is held, a reader only between `checkOutReader` and `checkIn`.
    private let writer: Mutex<SQLiteConnectionBox>
    private let readers = Mutex<[SQLiteConnectionBox]>([])
    /// Idle readers kept open: enough for the admin API's concurrent requests, each of which would otherwise open
    /// (and parse the schema of) a connection of its own.
    private let maximumIdleReaders = 64

    /// Opens (creating if needed) the database file and brings its schema up to date.
    public init(path: String, migrations: [Migration] = Schema.migrations) throws {
        self.path = path
        let connection = try SQLiteConnection(
            path: path, readOnly: false, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)
        try Self.configure(connection)
        try SQLiteMigrator(connection: connection).migrate(to: migrations)
        writer = Mutex(SQLiteConnectionBox(connection))
    }

    public func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        let box = try checkOutReader()
        defer { checkIn(box) }
        // Prepared once per connection (`execute` caches statements): parsing BEGIN and COMMIT with
        // sqlite3_exec on every read showed up in profiles of the admin API.
        try box.connection.execute("BEGIN DEFERRED", [])
        defer { _ = try? box.connection.execute("COMMIT", []) }
        return try body(box.connection)
    }

    public func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.withLock { box in
            let connection = box.connection
            try connection.execute("BEGIN IMMEDIATE", [])
            do {
                let result = try body(connection)
                try connection.execute("COMMIT", [])
                return result
            } catch {
                _ = try? connection.execute("ROLLBACK", [])
                throw error
            }
        }
    }

    private func checkOutReader() throws -> SQLiteConnectionBox {
        if let box = readers.withLock({ $0.popLast() }) { return box }
        let connection = try SQLiteConnection(
            path: path, readOnly: true, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)
        return SQLiteConnectionBox(connection)
    }

    private func checkIn(_ box: SQLiteConnectionBox) {
        readers.withLock { pool in
            if pool.count < maximumIdleReaders { pool.append(box) }
        }
    }

    private static func configure(_ connection: SQLiteConnection) throws {
        // WAL lets readers run during a write and lets processes share the file; FULL makes a
        // commit (an acknowledged upload, an applied file) survive power loss, not only a crash.
        try connection.executeScript(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            """)
    }
}

/// Carries a connection across the `Mutex` boundary. `@unchecked Sendable` is sound because
/// `SQLiteDatabase` hands each box to one thread at a time (see its invariant).
final class SQLiteConnectionBox: @unchecked Sendable {
    let connection: SQLiteConnection
    init(_ connection: SQLiteConnection) { self.connection = connection }
}
