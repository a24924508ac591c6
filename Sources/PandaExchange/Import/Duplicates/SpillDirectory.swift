import Foundation
import Synchronization

/// Where an import puts what does not fit its memory budget: `DATA/import-spill/`.
///
/// A spill file is unlinked as soon as it is created, so it lives only as long as its descriptor: it goes
/// away when the import is done, fails or is killed. Its name carries the process id, so what a crash
/// between creating and unlinking could leave is recognized and removed the next time the directory is
/// opened, without touching the files of another process importing at the same time.
final class SpillDirectory: Sendable {
    static let name = "import-spill"
    private let directory: HostDirectory
    private let process = getpid()

    /// Opens the directory below `dataDirectory`, creating it if needed, and removes files left by processes
    /// that are gone.
    init(dataDirectory: String) throws(HostError) {
        let data = try HostDirectory(path: dataDirectory, create: true)
        directory = try HostDirectory(in: data, name: Self.name, create: true)
        removeLeftovers()
    }

    /// A new, empty file that no other process can see and that disappears when it is closed.
    func newFile() throws(HostError) -> SpillFile {
        let name = "\(process)-\(UInt64.random(in: .min ... .max)).spill"
        let descriptor = try directory.openFile(name, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o600)
        do throws(HostError) {
            try directory.remove(name)
        } catch {
            close(descriptor)
            throw error
        }
        return SpillFile(descriptor: descriptor)
    }

    /// Removes files whose process is no longer running (a crash right after creating one).
    private func removeLeftovers() {
        guard let entries = try? directory.entries() else { return }
        for entry in entries {
            guard let owner = Self.owner(of: entry.name) else { continue }
            if owner != process && kill(owner, 0) != 0 && errno == ESRCH { try? directory.remove(entry.name) }
        }
    }

    /// Opens the directory on first use, so an import that never spills never creates it.
    final class Lazy: Sendable {
        private let dataDirectory: String
        private let opened = Mutex<SpillDirectory?>(nil)

        init(dataDirectory: String) { self.dataDirectory = dataDirectory }

        func get() throws -> SpillDirectory {
            try opened.withLock { opened in
                if let opened { return opened }
                let directory = try SpillDirectory(dataDirectory: dataDirectory)
                opened = directory
                return directory
            }
        }
    }

    /// The process id a spill file name starts with.
    static func owner(of name: String) -> pid_t? {
        guard name.hasSuffix(".spill"), let dash = name.firstIndex(of: "-") else { return nil }
        return pid_t(name[..<dash])
    }
}
