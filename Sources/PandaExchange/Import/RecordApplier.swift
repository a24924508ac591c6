import Foundation
import PandaStore

/// Applies accepted rows to the records through a `RecordWriter` and counts what each did.
final class RecordApplier {
    private let writer: RecordWriter
    private(set) var created = 0
    private(set) var updated = 0
    private(set) var unchanged = 0
    /// Users moved from active to inactive.
    private(set) var deactivated = 0

    init(writer: RecordWriter) { self.writer = writer }

    func apply(_ row: AcceptedRow) throws {
        let change: RecordChange
        switch row.record {
        case .user(let user):
            let result = try writer.write(user, fingerprint: row.fingerprint, line: row.line)
            if result.deactivated { deactivated += 1 }
            change = result.change
        case .propertyValue(let value):
            change = try writer.write(value, fingerprint: row.fingerprint, line: row.line)
        case .userProperty(let property):
            change = try writer.write(property, fingerprint: row.fingerprint, line: row.line)
        case .program(let program):
            change = try writer.write(program, fingerprint: row.fingerprint, line: row.line)
        case .membership(let membership):
            change = try writer.write(membership, line: row.line)
        }
        switch change {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }

    /// Ends the memberships a `programuser` file did not list for the students it listed.
    func endUnlistedMemberships() throws -> (memberships: Int, students: Int) {
        try writer.endUnlistedMemberships()
    }
}
