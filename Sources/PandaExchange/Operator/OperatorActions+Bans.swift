import PandaStore

extension OperatorActions {
    /// Lifts the ban of `address` at once and forgets its failed logins; audits `ban.remove`.
    @discardableResult
    public func liftBan(address: String) throws -> AddressBan {
        guard let lifted = try store.bans.remove(address: address, at: store.clock.now(), actor: actor) else {
            throw OperatorError.notBanned(address)
        }
        return lifted
    }
}
