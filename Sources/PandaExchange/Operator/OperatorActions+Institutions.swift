import Foundation
import PandaCore
import PandaStore

extension OperatorActions {
    /// Onboards an institution with one account per environment (every field checked before anything is
    /// stored) and audits `institution.add`.
    public func addInstitution(_ new: NewInstitution) throws -> (Institution, [Account]) {
        let id = try InstitutionID(new.id)
        let name = new.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw OperatorError.missingName }
        let zone = try new.timeZone.map(Institution.validateTimeZone) ?? Institution.defaultTimeZone()
        if new.environments?.isEmpty == true { throw OperatorError.noEnvironments }
        let environments = try Environment.parse(new.environments ?? ["test", "production"])
        let contacts = try new.contacts.map(Contact.parse)
        let (institution, accounts) = try store.institutions.add(
            id: id, name: name, timeZone: zone, contacts: contacts, environments: environments)
        let usernames = accounts.map(\.username).joined(separator: ",")
        try audit(nil, "institution.add", "institution=\(id) accounts=\(usernames)")
        return (institution, accounts)
    }
}
