import Foundation
import PandaCore
import PandaExchange
import PandaSSH
import Synchronization

/// The server's host-key fingerprints, read from its host keys in the data directory.
enum HostKeyFingerprints {
    static func directory(dataDirectory: String) -> String { dataDirectory + "/host-keys" }

    /// Empty before the server's first start.
    static func load(dataDirectory: String) -> [HostKeyFingerprint] {
        let keys = (try? SSHHostKeys.fingerprints(in: directory(dataDirectory: dataDirectory))) ?? []
        return keys.map { HostKeyFingerprint(type: $0.type.label, fingerprint: $0.fingerprint) }
    }
}

/// The server's host keys in the data directory, for the admin API and dashboard: read once found, since the
/// running SSH server keeps the keys it loaded at start-up (a listing of every account needs them per account).
final class DataDirectoryHostKeys: HostKeyDirectory {
    private let dataDirectory: String
    private let found = Mutex<[HostKeyFingerprint]>([])

    init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    func fingerprints() -> [HostKeyFingerprint] {
        found.withLock { found in
            if found.isEmpty { found = HostKeyFingerprints.load(dataDirectory: dataDirectory) }
            return found
        }
    }
}
