import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Synchronization

@testable import PandaExchange

/// A clock the import tests move by hand.
final class ImportClock: WallClock {
    private let current = Mutex(Date(timeIntervalSince1970: 1_796_000_000))
    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// A data directory with account `uni1` (students K1…K6 on its roster), uploads placed in its folders as the
/// SFTP server places them, and the importer, to assert on the records, the ledger and the files on disk.
struct ImportFixture {
    let directory: TemporaryDirectory
    let store: Store
    let clock = ImportClock()
    let logs = MemoryLogSink()
    let importer: FileImporter
    let account = "uni1"

    /// `budget` replaces the importer's memory budget (tiny ones force spills and store lookups).
    init(roster: [String] = ["K1", "K2", "K3", "K4", "K5", "K6"], budget: ImportMemoryBudget = .standard) throws {
        directory = try TemporaryDirectory(prefix: "panda-import")
        store = Store(database: try SQLiteDatabase(path: directory.file("panda.sqlite")), clock: clock)
        _ = try store.institutions.add(
            id: try InstitutionID("uni1"), name: "University One", timeZone: "America/Chicago", contacts: [],
            environments: [.production])
        if !roster.isEmpty { try store.roster.add(roster, to: account) }
        importer = FileImporter(
            store: store, dataDirectory: directory.path, logger: Logger(component: "import", sink: logs), budget: budget
        )
    }

    func remove() { directory.remove() }

    var accountRoot: String { directory.path + "/accounts/\(account)" }

    /// Puts `content` into `/inbound` (or `/validate`) and queues it, as a completed SFTP upload.
    @discardableResult
    func upload(_ name: String, _ content: String, folder: String = "inbound") throws -> Int64 {
        try upload(name, bytes: Array(content.utf8), folder: folder)
    }

    @discardableResult
    func upload(_ name: String, bytes: [UInt8], folder: String = "inbound", digestKnown: Bool = true) throws -> Int64 {
        _ = try AccountStorage(dataDirectory: directory.path, username: account)
        try Data(bytes).write(to: URL(fileURLWithPath: accountRoot + "/\(folder)/\(name)"))
        clock.advance(1)
        return try store.uploads.enqueue(
            account: account, folder: folder, name: name, size: Int64(bytes.count),
            sha256: digestKnown ? Digest.sha256Hex(bytes) : nil, at: clock.now())
    }

    /// Processes the account's queued uploads as one batch.
    @discardableResult
    func runBatch() throws -> [ImportOutcome] {
        clock.advance(1)
        return try ImportBatch(importer: importer).run(account: account)
    }

    /// Writes `content` to a file outside the data directory (for `panda import`-style calls).
    func localFile(_ name: String, _ content: String) throws -> String {
        let path = directory.file(name)
        try content.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func users() throws -> [String: StoredUser] {
        Dictionary(
            uniqueKeysWithValues: try store.records.users(account: account).map { ($0.record.userID, $0.record) })
    }

    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: accountRoot + "/\(folder)")) ?? []).sorted()
    }

    func text(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: accountRoot + "/\(folder)/\(name)", encoding: .utf8)
    }

    /// The report files in `/results` for the entry.
    func reports(_ entry: FileEntry) throws -> (summary: String, errors: String) {
        (try text("results", entry.summaryName ?? "-"), try text("results", entry.errorsName ?? "-"))
    }
}

/// Rows of the formats, as institutions write them.
enum Rows {
    static func user(
        _ id: String, first: String = "Ada", last: String = "Lovelace", email: String = "", type: String = "2",
        status: String = "1", password: String = ""
    ) -> String {
        "user,\"\(id)\",\"\(id.lowercased())\",\"\(password)\",\"\(first)\",\"\(last)\",\"\(email)\",\"\(type)\",\"\(status)\"\n"
    }

    static func property(_ key: String, _ value: String, label: String = "Label") -> String {
        "Property,\(key),\(key.capitalized),\(value),\"\(label)\"\n"
    }

    static func program(_ id: String, title: String = "Program") -> String {
        "program,\"\(id)\",\"CODE\",\"\(title)\",\"\"\n"
    }

    static func propertyUser(_ user: String, _ key: String, _ value: String) -> String {
        "propertyuserbyid,\"\(user)\",\"\(key)\",\"\(value)\"\n"
    }

    static func programUser(_ user: String, _ program: String) -> String {
        "programuser,\"\(user)\",\"\(program)\"\n"
    }
}
