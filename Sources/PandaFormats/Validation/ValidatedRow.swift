/// What the validator made of one row.
public struct ValidatedRow: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The row is valid: apply it.
        case accepted(Record)
        /// The row is valid but not for this import (e.g. UserStatus 10); `reason` says why.
        case skipped(reason: String)
        /// The row is not applied, for all the reasons listed.
        case rejected([RowError])
    }

    /// Physical line on which the row starts.
    public let line: Int
    /// Physical lines the row spans.
    public let lineCount: Int
    public let outcome: Outcome
    /// The row's bytes as they may be kept and shown: a non-empty secret field replaced by `***`.
    public let maskedRecord: [UInt8]

    /// The record, if the row was accepted.
    public var record: Record? {
        if case .accepted(let record) = outcome { return record }
        return nil
    }

    /// The errors, if the row was rejected.
    public var errors: [RowError] {
        if case .rejected(let errors) = outcome { return errors }
        return []
    }
}
