/// Applies schema migrations to a SQLite database, tracked in `PRAGMA user_version`.
///
/// Safe when several processes start at once: the version is re-read inside an immediate transaction,
/// so exactly one process applies each migration.
struct SQLiteMigrator {
    let connection: SQLiteConnection

    func migrate(to migrations: [Migration]) throws {
        let latest = migrations.map(\.version).max() ?? 0
        let current = Int(try connection.scalarInt("PRAGMA user_version"))
        guard current < latest else {
            if current > latest { throw StoreError.schemaTooNew(found: current, known: latest) }
            return
        }
        try connection.executeScript("BEGIN IMMEDIATE")
        do {
            let version = Int(try connection.scalarInt("PRAGMA user_version"))
            for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > version {
                try connection.executeScript(migration.sql)
                try connection.executeScript("PRAGMA user_version = \(migration.version)")
            }
            try connection.executeScript("COMMIT")
        } catch {
            try? connection.executeScript("ROLLBACK")
            throw error
        }
    }
}
