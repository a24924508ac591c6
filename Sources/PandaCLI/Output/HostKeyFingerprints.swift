import Foundation
import PandaCore
import PandaSSH

/// The server's host-key fingerprints, read from its host keys in the data directory.
enum HostKeyFingerprints {
    struct Entry {
        var type: String
        var fingerprint: String
    }

    static func directory(dataDirectory: String) -> String { dataDirectory + "/host-keys" }

    /// Empty before the server's first start.
    static func load(dataDirectory: String) -> [Entry] {
        let keys = (try? SSHHostKeys.fingerprints(in: directory(dataDirectory: dataDirectory))) ?? []
        return keys.map { Entry(type: $0.type.label, fingerprint: $0.fingerprint) }
    }
}
