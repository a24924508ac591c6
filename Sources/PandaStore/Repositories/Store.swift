import Foundation
import PandaCore

/// The repositories over one database, ready to use by the CLI, the server and the API.
public struct Store: Sendable {
    public let database: any Database
    public let clock: any WallClock

    public init(database: any Database, clock: any WallClock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Opens the store of a data directory: `DIR/panda.sqlite` unless `databaseURL` names another.
    public static func open(dataDirectory: String, databaseURL: String? = nil) throws -> Store {
        let path: String
        if let databaseURL {
            if databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") {
                throw StoreError.invalid(
                    "PostgreSQL (multi-node mode) is not available in this build yet; omit --database to use"
                        + " the SQLite database in the data directory")
            }
            path = databaseURL.hasPrefix("sqlite://") ? String(databaseURL.dropFirst("sqlite://".count)) : databaseURL
        } else {
            try DataDirectory.create(dataDirectory)
            path = dataDirectory + "/panda.sqlite"
        }
        return Store(database: try SQLiteDatabase(path: path))
    }

    public var institutions: InstitutionRepository { InstitutionRepository(database: database, clock: clock) }
    public var accounts: AccountRepository { AccountRepository(database: database) }
    public var keys: KeyRepository { KeyRepository(database: database, clock: clock) }
    public var roster: RosterRepository { RosterRepository(database: database, clock: clock) }
    public var audit: AuditRepository { AuditRepository(database: database, clock: clock) }
    public var uploads: UploadRepository { UploadRepository(database: database, clock: clock) }
    public var publications: PublicationRepository { PublicationRepository(database: database) }
    public var calendar: CalendarRepository { CalendarRepository(database: database) }
    public var bans: BanRepository { BanRepository(database: database) }
    public var serverSettings: ServerSettingsRepository { ServerSettingsRepository(database: database) }
}

/// The on-disk data directory: created with owner-only permissions since it holds keys and records.
public enum DataDirectory {
    public static func create(_ path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotOpen(path: path, reason: "it exists and is not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create the data directory (\(error.localizedDescription))")
        }
    }
}
