import Foundation
import PandaCore

/// Institutions and the accounts they are onboarded with.
public struct InstitutionRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    /// Onboards an institution with one account per environment, all or nothing.
    public func add(
        id: InstitutionID, name: String, timeZone: String, contacts: [Contact], environments: [Environment]
    ) throws -> (Institution, [Account]) {
        let now = clock.now()
        let institution = Institution(id: id, name: name, timeZone: timeZone, contacts: contacts, createdAt: now)
        let accounts = environments.map {
            Account(username: $0.username(for: id), institutionID: id, environment: $0, createdAt: now)
        }
        try database.write { db in
            if try db.queryOne("SELECT 1 FROM institutions WHERE id = ?", id.rawValue) != nil {
                throw StoreError.alreadyExists(
                    what: "institution \(id)", hint: "see `panda institution list`, or choose another id")
            }
            try db.execute(
                "INSERT INTO institutions (id, name, time_zone, contacts, created_at) VALUES (?, ?, ?, ?, ?)",
                id.rawValue, name, timeZone, ContactListCoding.encode(contacts), now)
            for account in accounts {
                try AccountRepository.insert(account, into: db)
            }
        }
        return (institution, accounts)
    }

    public func get(_ id: String) throws -> Institution {
        try database.read { db in
            guard let row = try db.queryOne(Self.select + " WHERE id = ?", id) else {
                throw StoreError.notFound(what: "institution \(id)", hint: "see `panda institution list`")
            }
            return try Self.institution(from: row)
        }
    }

    public func list() throws -> [Institution] {
        try database.read { db in
            try db.query(Self.select + " ORDER BY id").map(Self.institution(from:))
        }
    }

    static let select = "SELECT id, name, time_zone, contacts, created_at FROM institutions"

    static func institution(from row: SQLRow) throws -> Institution {
        Institution(
            id: try InstitutionID(row.string(0)), name: row.string(1), timeZone: row.string(2),
            contacts: ContactListCoding.decode(row.string(3)), createdAt: row.date(4))
    }
}

/// Contacts stored as one text column: `Name <email>` entries separated by newlines.
enum ContactListCoding {
    static func encode(_ contacts: [Contact]) -> String {
        contacts.map(\.displayText).joined(separator: "\n")
    }

    static func decode(_ text: String) -> [Contact] {
        text.split(separator: "\n").compactMap { try? Contact.parse(String($0)) }
    }
}
