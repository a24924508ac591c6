/// Small key/value facts the server records for other processes (e.g. the public host and SFTP port).
public struct ServerSettingsRepository: Sendable {
    let database: any Database

    public func get(_ key: String) throws -> String? {
        try database.read { db in
            try db.queryOne("SELECT value FROM server_settings WHERE key = ?", key)?.string(0)
        }
    }

    public func set(_ key: String, _ value: String) throws {
        try database.write { db in
            try db.execute(
                "INSERT INTO server_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value)
        }
    }
}
