import PandaStore

extension OperatorActions {
    /// Publishes the account's `students.csv` now, outside the schedule, exactly as `RosterPublisher` does
    /// (atomically, with the dated archive copy and the publication's record); audits `roster.publish`.
    public func publishRoster(account: String, dataDirectory: String) throws -> Publication {
        try RosterPublisher(store: store, dataDirectory: dataDirectory).publish(account: account, actor: actor)
    }
}
