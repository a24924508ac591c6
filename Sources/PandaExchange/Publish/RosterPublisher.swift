import Foundation
import PandaCore
import PandaStore

/// Writes an account's `students.csv` from its roster, atomically, with its dated archive copy.
///
/// The file is written to the spool, fsync'ed, linked into the archive as `students-YYYY-MM-DD.csv`
/// (the account's local date) and renamed over `outbound/students.csv`: a client downloading at that
/// moment gets the old file or the new one, never half of either.
public struct RosterPublisher: Sendable {
    let store: Store
    let dataDirectory: String

    public init(store: Store, dataDirectory: String) {
        self.store = store
        self.dataDirectory = dataDirectory
    }

    /// Publishes now. The scheduler passes the `cycle` it publishes for: the archive copy is named by the
    /// cycle's day and the cycle is marked published in the publication's transaction. `actor` names who
    /// published in the audit log (see `PublicationRepository.record`).
    @discardableResult
    public func publish(
        account username: String, cycle: CyclePublication? = nil, actor: String? = nil
    ) throws -> Publication {
        let account = try store.accounts.get(username)
        let zone = TimeZone(identifier: try AccountCalendar.timeZoneName(of: account, in: store)) ?? .gmt
        let now = store.clock.now()
        let localDate = cycle?.day.description ?? LocalDate(now, in: zone).description
        let storage = try AccountStorage(dataDirectory: dataDirectory, username: username)

        let spoolName = storage.newSpoolName(prefix: "publish")
        let fd = try storage.spool.openFile(spoolName, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        var count = 0
        let hasher = SHA256Hasher()
        do {
            let writer = BufferedFileWriter(descriptor: fd, hasher: hasher)
            try store.database.read { db in
                // Bytes straight from the row into the buffer: a roster can hold a million students.
                let statement = try db.prepared("SELECT student_id FROM roster WHERE account = ? ORDER BY student_id")
                defer { statement.reset() }
                statement.bind(username, at: 1)
                while try statement.step() {
                    try statement.withBytes(at: 0) { try writer.append(StudentsFile.line(for: $0)) }
                    count += 1
                }
            }
            try writer.flush()
            try hostCall("fsync") { fsync(fd) }
            close(fd)
        } catch {
            close(fd)
            try? storage.spool.remove(spoolName)
            throw error
        }
        let archiveLink = storage.newSpoolName(prefix: "archive")
        do {
            try storage.spool.link(spoolName, into: storage.spool, as: archiveLink)
            try storage.spool.rename(
                archiveLink, to: storage.archive, as: "students-\(localDate).csv", replace: true)
            try storage.archive.synchronize()
            try storage.spool.rename(spoolName, to: storage.outbound, as: "students.csv", replace: true)
            try storage.outbound.synchronize()
        } catch {
            try? storage.spool.remove(spoolName)
            try? storage.spool.remove(archiveLink)
            throw error
        }
        return try store.publications.record(
            account: username, localDate: localDate, at: now, students: count, sha256: Digest.hex(hasher.finalize()),
            cycle: cycle, actor: actor)
    }
}

/// The `students.csv` format (spec §5): `student,"UserID"` per line, LF line ends, no header.
enum StudentsFile {
    /// The line for an ID given as UTF-8 bytes (quotes inside doubled).
    static func line(for id: UnsafeBufferPointer<UInt8>) -> StudentLine { StudentLine(id: id) }
}

/// One `students.csv` line, written into a buffer without building a `String`.
struct StudentLine {
    let id: UnsafeBufferPointer<UInt8>

    func append(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: Self.prefix)
        for byte in id {
            buffer.append(byte)
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
        }
        buffer.append(contentsOf: Self.suffix)
    }

    private static let prefix = Array("student,\"".utf8)
    private static let suffix = Array("\"\n".utf8)
}

/// Collects small writes into large ones and hashes what it writes.
final class BufferedFileWriter {
    private let descriptor: Int32
    private let hasher: SHA256Hasher
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    init(descriptor: Int32, hasher: SHA256Hasher) {
        self.descriptor = descriptor
        self.hasher = hasher
        buffer.reserveCapacity(capacity)
    }

    func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func append(_ line: StudentLine) throws {
        line.append(to: &buffer)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        hasher.update(buffer)
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = try hostCall("write") {
                    Int32(truncatingIfNeeded: write(descriptor, raw.baseAddress! + offset, raw.count - offset))
                }
                offset += Int(n)
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
