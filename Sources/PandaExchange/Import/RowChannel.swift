import Foundation
import PandaFormats
import PandaStore

/// An accepted row on its way from the reading thread to the writing one.
///
/// Everything the writer needs is prepared by the reading thread (the store's record and the
/// fingerprint), which has time to spare while the writer is the slower of the two.
struct AcceptedRow: Sendable {
    let line: Int
    let record: WritableRecord
    /// `RecordFingerprint.of(record)` of the validated record.
    let fingerprint: Int64

    init?(line: Int, record: Record) {
        guard let writable = WritableRecord(record) else { return nil }
        self.line = line
        self.record = writable
        fingerprint = RecordFingerprint.of(record) ?? 0
    }
}

/// A validated record as the store writes it.
enum WritableRecord: Sendable {
    case user(StoredUser)
    case propertyValue(StoredPropertyValue)
    case userProperty(StoredUserProperty)
    case program(StoredProgram)
    case membership(StoredMembership)

    /// nil for records the importer does not apply (rosters, formats without a typed record).
    init?(_ record: Record) {
        switch record {
        case .user(let user):
            self = .user(
                StoredUser(
                    userID: user.userID, username: user.username, firstName: user.firstName, lastName: user.lastName,
                    email: user.email, userType: user.userType.rawValue, userStatus: user.userStatus.rawValue))
        case .property(let value):
            self = .propertyValue(
                StoredPropertyValue(
                    keyID: value.keyID, keyLabel: value.key, valueID: value.valueID, valueLabel: value.value))
        case .propertyUser(let property):
            self = .userProperty(
                StoredUserProperty(userID: property.userID, keyID: property.keyID, valueID: property.valueID))
        case .program(let program):
            self = .program(
                StoredProgram(
                    programID: program.programID, code: program.programCode, title: program.programTitle,
                    description: program.programDescription))
        case .programUser(let membership):
            self = .membership(StoredMembership(userID: membership.userID, programID: membership.programID))
        case .student, .generic:
            return nil
        }
    }
}

/// A bounded hand-off of row chunks between the thread that reads and validates a file and the thread
/// that writes its records, so both cores work and memory stays at a few chunks whatever the file size.
final class RowChannel: @unchecked Sendable {
    // Sendable: every field is read and written under `condition`.
    private let condition = NSCondition()
    private var chunks: [[AcceptedRow]] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Waits for room; false when the reader should stop (the writer gave up).
    func send(_ chunk: [AcceptedRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// No more chunks will be sent.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, or nil once the reader finished and everything was taken.
    func receive() -> [AcceptedRow]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished && !cancelled { condition.wait() }
        guard !cancelled, !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// The writer stops: the reader's next `send` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
