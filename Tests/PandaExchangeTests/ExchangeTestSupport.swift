import Foundation
import PandaCore
import PandaExchange
import PandaSFTP
import PandaTesting
import Synchronization

/// Records what an account file system reports, like the store's intake queue would.
final class RecordingIntake: UploadIntake {
    enum Event: Equatable {
        case completed(CompletedUpload)
        /// A digest that followed a large upload: queue id, upload name, digest.
        case digest(Int64, String, String?)
        case renamed(String, String)
        case withdrawn(String)
    }

    private let state = Mutex<[Event]>([])
    let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    var events: [Event] { state.withLock { $0 } }

    func uploadsToday(account: String) throws -> Int {
        state.withLock { $0.filter { if case .completed = $0 { true } else { false } }.count }
    }

    func completed(_ upload: CompletedUpload) throws -> Int64 {
        if failing { throw CancellationError() }
        return state.withLock {
            $0.append(.completed(upload))
            return Int64($0.count)
        }
    }

    func digestComputed(uploadID: Int64, upload: CompletedUpload, sha256: String?) {
        state.withLock { $0.append(.digest(uploadID, upload.name, sha256)) }
    }

    /// The digest of each upload by name: given at once, or followed (waits up to 10 s for those).
    func digests() -> [String: String?] {
        let deadline = Date().addingTimeInterval(10)
        while true {
            var result: [String: String?] = [:]
            var pending = 0
            for event in events {
                switch event {
                case .completed(let upload):
                    result[upload.name] = upload.sha256
                    if upload.sha256 == nil { pending += 1 }
                case .digest(_, let name, let sha256):
                    result[name] = sha256
                    pending -= 1
                default: break
                }
            }
            if pending <= 0 || Date() > deadline { return result }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    func renamed(account: String, folder: AccountFolder, from: String, to: String) throws {
        state.withLock { $0.append(.renamed(from, to)) }
    }

    func withdrawn(account: String, folder: AccountFolder, name: String) throws {
        state.withLock { $0.append(.withdrawn(name)) }
    }
}

/// An account file system over a temporary data directory.
struct TreeFixture {
    let directory: TemporaryDirectory
    let intake: RecordingIntake
    let fileSystem: AccountFileSystem
    let accountRoot: String
    private let account: Account

    init(settings: AccountSettings = AccountSettings(), failingIntake: Bool = false, username: String = "uni1")
        throws
    {
        directory = try TemporaryDirectory(prefix: "panda-tree")
        intake = RecordingIntake(failing: failingIntake)
        account = Account(
            username: username, institutionID: try InstitutionID("uni1"), environment: .production,
            settings: settings, createdAt: Date())
        let storage = try AccountStorage(dataDirectory: directory.path, username: username)
        fileSystem = AccountFileSystem(account: account, storage: storage, intake: intake, clock: SystemClock())
        accountRoot = directory.path + "/accounts/" + username
    }

    /// The same account's tree as another session sees it.
    func anotherSession() throws -> AccountFileSystem {
        let storage = try AccountStorage(dataDirectory: directory.path, username: account.username)
        return AccountFileSystem(account: account, storage: storage, intake: intake, clock: SystemClock())
    }

    func path(_ text: String) -> VirtualPath { try! VirtualPath(text) }

    /// Uploads `content` through the file system as a client would: OPEN, WRITE…, CLOSE.
    func upload(_ text: String, _ content: String, chunk: Int = 7) throws {
        try fileSystem.authorize(.write, path: path(text))
        let handle = try fileSystem.openFile(
            path(text), flags: [.write, .create, .truncate], attributes: .empty)
        let bytes = Array(content.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            try bytes[offset..<end].withUnsafeBytes { try handle.write($0, at: UInt64(offset)) }
            offset = end
        }
        try handle.close()
    }

    func read(_ text: String) throws -> String {
        let handle = try fileSystem.openFile(path(text), flags: [.read], attributes: .empty)
        defer { handle.abort() }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let n = try buffer.withUnsafeMutableBytes { raw in
            try handle.read(into: raw, at: 0)
        }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// Host files under the account (relative paths), to assert effects on disk.
    func hostFiles() -> [String] {
        let e = FileManager.default.enumerator(atPath: accountRoot)
        var out: [String] = []
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: accountRoot + "/" + p, isDirectory: &isDir)
            if !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }
}
