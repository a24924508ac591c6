/// Row counts of one file; `read == accepted + rejected + skipped`. Empty lines are not rows.
public struct ValidationCounts: Sendable, Equatable {
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    public var skipped = 0

    public init(read: Int = 0, accepted: Int = 0, rejected: Int = 0, skipped: Int = 0) {
        self.read = read
        self.accepted = accepted
        self.rejected = rejected
        self.skipped = skipped
    }
}
