import Foundation
import PandaCore
import PandaExchange
import PandaSSH

/// The server's host-key fingerprints, read from its host keys in the data directory.
enum HostKeyFingerprints {
    static func directory(dataDirectory: String) -> String { dataDirectory + "/host-keys" }

    /// Empty before the server's first start.
    static func load(dataDirectory: String) -> [HostKeyFingerprint] {
        let keys = (try? SSHHostKeys.fingerprints(in: directory(dataDirectory: dataDirectory))) ?? []
        return keys.map { HostKeyFingerprint(type: $0.type.label, fingerprint: $0.fingerprint) }
    }
}

/// The server's host keys in the data directory, for the admin API and dashboard.
struct DataDirectoryHostKeys: HostKeyDirectory {
    let dataDirectory: String

    func fingerprints() -> [HostKeyFingerprint] { HostKeyFingerprints.load(dataDirectory: dataDirectory) }
}
