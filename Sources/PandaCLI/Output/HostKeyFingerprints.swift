import Foundation
import PandaCore
import PandaSSH

/// The server's host-key fingerprints, read from the `.pub` files beside its host keys.
enum HostKeyFingerprints {
    struct Entry {
        var type: String
        var fingerprint: String
    }

    static func directory(dataDirectory: String) -> String { dataDirectory + "/host-keys" }

    /// Empty before the server's first start.
    static func load(dataDirectory: String) -> [Entry] {
        let dir = directory(dataDirectory: dataDirectory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasSuffix(".pub") }.sorted().compactMap { name in
            guard let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8),
                let line = try? AuthorizedKeyLine.parseFile(text),
                let material = try? PublicKeyParser.inspect(typeName: line.typeName, base64: line.base64)
            else { return nil }
            return Entry(type: material.algorithm.family, fingerprint: material.fingerprint)
        }
    }
}
