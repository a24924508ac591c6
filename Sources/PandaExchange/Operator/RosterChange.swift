/// What a roster edit did: students added and removed, and how many are on the roster now.
public struct RosterChange: Sendable, Equatable {
    public var added: Int
    public var removed: Int
    public var total: Int

    public init(added: Int, removed: Int, total: Int) {
        self.added = added
        self.removed = removed
        self.total = total
    }
}
